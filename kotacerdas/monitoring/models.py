"""Implementation monitoring (docs/domain.md §5–6): indicators, yearly targets, realised values with
evidence (data dukung) and their verification, realised budget.

A numeric indicator (number, percentage, yes/no) keeps its values in `*_number` (yes = 1, no = 0);
a text indicator in `*_text`. Values are Decimals, never floats.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.i18n import BilingualName
from kotacerdas.core.models import Versioned
from kotacerdas.core.storage import evidence_path, private_storage

VALUE = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}


class ReferenceIndicator(BilingualName):
    """An indicator code of an international framework (ISO 37120/37122, ITU U4SSC KPIs, UN SDGs): national reference data."""

    city_path = None

    class Framework(models.TextChoices):
        ISO_37120 = "iso37120", "ISO 37120"
        ISO_37122 = "iso37122", "ISO 37122"
        U4SSC = "u4ssc", "U4SSC KPI"
        SDG = "sdg", "SDG"

    framework = models.CharField(_("framework"), max_length=10, choices=Framework.choices)
    code = models.CharField(_("code"), max_length=30)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["framework", "code"]
        verbose_name = _("reference indicator")
        verbose_name_plural = _("reference indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="reference_indicator_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This framework already has an indicator with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_framework_display()} {self.code} – {self.name}"


class Indicator(Versioned):
    """An output or outcome indicator of a programme, typed, with its baseline."""

    city_path = "programme__masterplan__city"

    class Kind(models.TextChoices):
        OUTPUT = "output", _("output")
        OUTCOME = "outcome", _("outcome")

    class ValueType(models.TextChoices):
        NUMBER = "number", _("number")
        PERCENTAGE = "percentage", _("percentage")
        YES_NO = "yes_no", _("yes/no")
        TEXT = "text", _("text")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    programme = models.ForeignKey("programmes.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OUTPUT)
    name = models.CharField(_("name"), max_length=300)
    value_type = models.CharField(_("value type"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    baseline_number = models.DecimalField(_("baseline"), **VALUE)
    baseline_text = models.CharField(_("baseline (text)"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    references = models.ManyToManyField(ReferenceIndicator, verbose_name=_("reference codes"), blank=True, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "kind", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "name"],
                name="indicator_name_unique_in_programme",
                violation_error_code="duplicate",
                violation_error_message=_("This programme already has an indicator of this kind with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_numeric(self) -> bool:
        return self.value_type != self.ValueType.TEXT


class Target(Versioned):
    """The value an indicator should reach in a year."""

    city_path = "indicator__programme__masterplan__city"

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value_number = models.DecimalField(_("target"), **VALUE)
    value_text = models.CharField(_("target (text)"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_target_per_indicator_year",
                violation_error_code="duplicate",
                violation_error_message=_("This indicator already has a target for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class Realisation(Versioned):
    """What an indicator reached in a year, entered by the lead department and verified by the coordinator."""

    city_path = "indicator__programme__masterplan__city"

    class Status(models.TextChoices):
        ENTERED = "entered", _("entered")
        VERIFIED = "verified", _("verified")
        RETURNED = "returned", _("returned")

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("year"))
    value_number = models.DecimalField(_("realised value"), **VALUE)
    value_text = models.CharField(_("realised value (text)"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ENTERED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("realised value")
        verbose_name_plural = _("realised values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_realisation_per_indicator_year",
                violation_error_code="duplicate",
                violation_error_message=_("This indicator already has a realised value for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class RealisationEvidence(models.Model):
    """Data dukung of a realised value: a private file (see `programmes.files`) or a link."""

    city_path = "realisation__indicator__programme__masterplan__city"

    realisation = models.ForeignKey(Realisation, verbose_name=_("realised value"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("data dukung")
        verbose_name_plural = _("data dukung")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_file_or_link",
                violation_error_code="required",
                violation_error_message=_("Evidence needs a file or a link."),
            )
        ]

    def __str__(self) -> str:
        return self.description or self.original_name or self.url


class BudgetRealisation(Versioned):
    """The budget actually spent in one programme year (against `ProgrammeYear.budget`, the plan)."""

    city_path = "programme_year__programme__masterplan__city"

    programme_year = models.OneToOneField(
        "programmes.ProgrammeYear", verbose_name=_("programme year"), on_delete=models.CASCADE, related_name="budget_realisation"
    )
    amount = models.DecimalField(_("budget realised (Rp)"), max_digits=18, decimal_places=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("budget realisation")
        verbose_name_plural = _("budget realisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budget_realised_not_negative",
                violation_error_code="out_of_range",
                violation_error_message=_("The realised budget cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return str(self.programme_year)
