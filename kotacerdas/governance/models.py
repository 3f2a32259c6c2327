"""Records cities keep besides the plan: the regulation register, meetings other than bimtek, and
the documents attached to records (MoU, commitment, bodies' decrees, bimtek, meetings).

Files are private, stored and served like programme evidence (`programmes.files`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.storage import evidence_path, private_storage


def head_regulation_type(region_name: str) -> str:
    """The code of the regulation type a head of region issues: a city's mayor a Perwali, a regent a Perbup
    (Kemendagri names a city "Kota …" and a regency "Kabupaten …")."""
    return "perwali" if (region_name or "").strip().casefold().startswith("kota") else "perbup"


class Regulation(Versioned):
    """A regional legal instrument on the smart city: the Perwali/Perbup adopting the masterplan and
    its revisions, decrees (SK) of the council and team, a Perda or its draft (Ranperda)."""

    city_path = "city"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ENACTED = "enacted", _("enacted")
        REVOKED = "revoked", _("revoked")

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="regulations")
    type = models.ForeignKey("framework.RegulationType", verbose_name=_("type"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="regulations"
    )
    body = models.ForeignKey(
        "cities.Body", verbose_name=_("body"), null=True, blank=True, on_delete=models.SET_NULL, related_name="regulations"
    )
    revises = models.ForeignKey(
        "self", verbose_name=_("revises"), null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    # The masterplan revision this regulation closes (its amending regulation); set only by closing the revision.
    revision = models.OneToOneField(
        "masterplan.Revision",
        verbose_name=_("masterplan revision it closes"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="regulation",
    )
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("document"), upload_to=evidence_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_first=True), "-id"]
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title


class Meeting(Versioned):
    """A meeting other than a bimtek: council coordination, smart-city forum, socialisation, CSR forum."""

    city_path = "city"

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="meetings")
    kind = models.ForeignKey("framework.MeetingKind", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    body = models.ForeignKey(
        "cities.Body", verbose_name=_("body"), null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    opds = models.ManyToManyField("cities.Opd", verbose_name=_("departments present"), blank=True, related_name="+")
    stakeholders = models.ManyToManyField("cities.Stakeholder", verbose_name=_("stakeholders present"), blank=True, related_name="+")
    attendance_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A document attached to a record of the city: the MoU, a commitment, a body, a bimtek or a meeting."""

    city_path = "city"

    class Subject(models.TextChoices):
        MOU = "mou", _("MoU with the ministry")
        COMMITMENT = "commitment", _("commitment")
        BODY = "body", _("body (decree)")
        BIMTEK = "bimtek", _("bimtek")
        MEETING = "meeting", _("meeting")

    # subject → the one reference it sets (the MoU is the city's own: none)
    SUBJECT_FIELDS = {"commitment": "commitment", "body": "body", "bimtek": "workshop", "meeting": "meeting"}

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="attachments")
    subject = models.CharField(_("attached to"), max_length=12, choices=Subject.choices)
    commitment = models.ForeignKey(
        "cities.Commitment", verbose_name=_("commitment"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    body = models.ForeignKey(
        "cities.Body", verbose_name=_("body"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    workshop = models.ForeignKey(
        "bimtek.Workshop", verbose_name=_("bimtek"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(subject="mou", commitment__isnull=True, body__isnull=True, workshop__isnull=True, meeting__isnull=True)
                    | Q(subject="commitment", commitment__isnull=False, body__isnull=True, workshop__isnull=True, meeting__isnull=True)
                    | Q(subject="body", commitment__isnull=True, body__isnull=False, workshop__isnull=True, meeting__isnull=True)
                    | Q(subject="bimtek", commitment__isnull=True, body__isnull=True, workshop__isnull=False, meeting__isnull=True)
                    | Q(subject="meeting", commitment__isnull=True, body__isnull=True, workshop__isnull=True, meeting__isnull=False)
                ),
                name="attachment_one_subject",
                violation_error_code="attachment_subject",
                violation_error_message=_("An attachment names exactly the one record its kind of subject asks for."),
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def subject_record(self):
        field = self.SUBJECT_FIELDS.get(self.subject)
        return getattr(self, field) if field else None
