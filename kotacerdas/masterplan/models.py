"""The masterplan record and its vision → missions → objectives → targets tree."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned


class Masterplan(Versioned):
    """One smart-city masterplan of a city (e.g. 2019–2024, then 2025–2029)."""

    city_path = "city"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")
        LEGALISED = "legalised", _("Legalised")

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="masterplans")
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    regulation_number = models.CharField(_("regulation (Perwali/Perbup) number"), max_length=120, blank=True)
    regulation_date = models.DateField(_("regulation date"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    period_reason = models.TextField(
        _("why the period is not 5–10 years"),
        blank=True,
        help_text=_("Needed to legalise a masterplan whose period is shorter than 5 or longer than 10 years."),
    )

    class Meta:
        ordering = ["city", "-start_year"]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "start_year"],
                name="one_masterplan_per_city_start",
                violation_error_code="duplicate_masterplan",
                violation_error_message=_("This city already has a masterplan starting that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__lte=models.F("end_year")),
                name="masterplan_years_ordered",
                violation_error_code="years_reversed",
                violation_error_message=_("The first year must not be after the last year."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="legalised") | (~models.Q(regulation_number="") & models.Q(regulation_date__isnull=False)),
                name="legalised_masterplan_has_regulation",
                violation_error_code="regulation_missing",
                violation_error_message=_("A legalised masterplan needs the number and date of its regulation (Perwali/Perbup)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def has_ended(self) -> bool:
        """Its period is over: its last year is before this year."""
        return self.end_year < timezone.localdate().year


class Revision(models.Model):
    """A recorded revision of a legalised masterplan: opened (why), then closed by its amending regulation.

    While a revision is open the masterplan's content may change; otherwise a legalised masterplan is frozen.
    The amending regulation is an entry of the city's regulation register: `governance.Regulation.revision`
    declares the link (its reverse, `amending_regulation`, reads it here).
    """

    city_path = "masterplan__city"

    masterplan = models.ForeignKey(Masterplan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision number"))
    reason = models.TextField(_("reason for the revision"))
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["masterplan", "number"]
        verbose_name = _("masterplan revision")
        verbose_name_plural = _("masterplan revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["masterplan", "number"],
                name="one_revision_number_per_masterplan",
                violation_error_code="duplicate",
                violation_error_message=_("This masterplan already has a revision with this number."),
            ),
            models.UniqueConstraint(
                fields=["masterplan"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_revision_per_masterplan",
                violation_error_code="revision_open",
                violation_error_message=_("This masterplan already has an open revision."),
            ),
        ]

    def __str__(self) -> str:
        return _("Revision %(n)d of %(plan)s") % {"n": self.number, "plan": self.masterplan}

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def amending_regulation(self):
        """The register entry that closed the revision (None while it is open)."""
        return getattr(self, "regulation", None)


class Mission(Versioned):
    city_path = "masterplan__city"

    masterplan = models.ForeignKey(Masterplan, verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="missions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("mission"))

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")

    def __str__(self) -> str:
        return self.text[:80]


class Objective(Versioned):
    city_path = "mission__masterplan__city"

    mission = models.ForeignKey(Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("objective"))
    dimensions = models.ManyToManyField("framework.Dimension", verbose_name=_("dimensions served"), blank=True, related_name="+")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.text[:80]


class Target(Versioned):
    city_path = "objective__mission__masterplan__city"

    objective = models.ForeignKey(Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=300)
    value = models.CharField(_("target value"), max_length=60)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} {self.unit}".strip()
