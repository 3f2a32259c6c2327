"""The national reference framework: the same for every city, loaded from data/framework/."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.i18n import BilingualName, in_language, is_english
from kotacerdas.core.models import Versioned

CODE_HELP = _("Stable identifier used by the API and the documents.")


class Coded(BilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=CODE_HELP)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "code"]


class Dimension(Coded):
    """One of the six smart-city dimensions (Smart Governance … Smart Environment)."""

    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(Coded.Meta):
        verbose_name = _("smart-city dimension")
        verbose_name_plural = _("smart-city dimensions")


class Element(Coded):
    """One of the three elements of a dimension (18 in all)."""

    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="elements")

    class Meta(Coded.Meta):
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["dimension__order", "order", "code"]


class EvaluationDimension(Coded):
    """Baseline, Output, Outcome, Impact, Quick Win: what the annual evaluation scores 0–5."""

    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(Coded.Meta):
        verbose_name = _("evaluation dimension")
        verbose_name_plural = _("evaluation dimensions")


class EvaluationYear(Versioned):
    """One evaluation year with its weights (they differ between years and sources).

    A year whose weights are not known (2018–2021: no published weights) has no weight rows and
    says so in its note: the product never invents them. Its version covers its weights.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    source = models.CharField(_("source of the weights (Indonesian)"), max_length=300, blank=True)
    source_en = models.CharField(_("source of the weights (English)"), max_length=300, blank=True)
    note = models.TextField(_("note (Indonesian)"), blank=True, help_text=_("What is known about this year's evaluation and its weights."))
    note_en = models.TextField(_("note (English)"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation year")
        verbose_name_plural = _("evaluation years")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def source_text(self) -> str:
        return in_language(self.source, self.source_en)

    @property
    def note_text(self) -> str:
        return in_language(self.note, self.note_en)


class EvaluationWeight(models.Model):
    year = models.ForeignKey(EvaluationYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="weights")
    dimension = models.ForeignKey(EvaluationDimension, verbose_name=_("evaluation dimension"), on_delete=models.PROTECT)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["year", "dimension__order"]
        verbose_name = _("evaluation weight")
        verbose_name_plural = _("evaluation weights")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "dimension"],
                name="one_weight_per_year_dimension",
                violation_error_message=_("This year already has a weight for this dimension."),
            ),
            models.CheckConstraint(condition=models.Q(weight__gte=0, weight__lte=100), name="weight_between_0_and_100"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.dimension}: {self.weight}%"


class PublishedWeightSet(Coded):
    """A set of evaluation weights some source publishes, kept for reference beside the weights per year
    (e.g. the alternative 10/20/30/30/10 set). Weights map evaluation-dimension codes to percents (text)."""

    weights = models.JSONField(_("weights (%)"), default=dict)
    source = models.CharField(_("source (Indonesian)"), max_length=300, blank=True)
    source_en = models.CharField(_("source (English)"), max_length=300, blank=True)
    note = models.TextField(_("note (Indonesian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    class Meta(Coded.Meta):
        verbose_name = _("published weight set")
        verbose_name_plural = _("published weight sets")

    @property
    def source_text(self) -> str:
        return in_language(self.source, self.source_en)

    @property
    def note_text(self) -> str:
        return in_language(self.note, self.note_en)


class ReadinessLens(Coded):
    """Struktur, Infrastruktur, Suprastruktur (core); Nature and Culture (optional)."""

    is_core = models.BooleanField(_("core lens"), default=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(Coded.Meta):
        verbose_name = _("readiness lens")
        verbose_name_plural = _("readiness lenses")


class ReadinessRating(models.Model):
    """One level of the configurable readiness rating scale (no official scale exists)."""

    value = models.PositiveSmallIntegerField(_("value"), unique=True)
    label_id = models.CharField(_("label (Indonesian)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["value"]
        verbose_name = _("readiness rating level")
        verbose_name_plural = _("readiness rating levels")

    def __str__(self) -> str:
        return f"{self.value} – {self.label}"

    @property
    def label(self) -> str:
        return self.label_en if is_english() and self.label_en else self.label_id


class FundingSource(Coded):
    """APBD, APBN, DAK, CSR, sponsor, KPBU, other (configurable). A source from a partner (CSR, sponsor,
    KPBU) names the stakeholder who contributes each share of a programme year."""

    from_partner = models.BooleanField(
        _("from a partner"), default=False, help_text=_("A share from this source names the contributing stakeholder.")
    )

    class Meta(Coded.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")


class StakeholderType(Coded):
    """A kind of stakeholder in one of the five pentahelix groups (BUMN and BUMD under business,
    TNI/Polri as stakeholders under government: the pentahelix has five groups, no sixth)."""

    class Group(models.TextChoices):
        GOVERNMENT = "government", _("government")
        ACADEMIA = "academia", _("academia")
        BUSINESS = "business", _("business")
        COMMUNITY = "community", _("community")
        MEDIA = "media", _("media")

    pentahelix = models.CharField(_("pentahelix group"), max_length=20, choices=Group.choices)

    class Meta(Coded.Meta):
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")


class ProgrammeStatus(Coded):
    """planned / running / realised / stopped."""

    counts_as_realised = models.BooleanField(_("counts as realised"), default=False)

    class Meta(Coded.Meta):
        verbose_name = _("programme status")
        verbose_name_plural = _("programme statuses")


class Horizon(Coded):
    """Short (≈ year 1), medium (≈ years 2–5), long (≈ years 6–10) of a masterplan."""

    first_year = models.PositiveSmallIntegerField(_("first year of the plan"), help_text=_("1 = the plan's first year"))
    last_year = models.PositiveSmallIntegerField(_("last year of the plan"))

    class Meta(Coded.Meta):
        verbose_name = _("horizon")
        verbose_name_plural = _("horizons")
        constraints = [models.CheckConstraint(condition=models.Q(first_year__lte=models.F("last_year")), name="horizon_years_ordered")]


class QuickWinCriterion(Coded):
    """A criterion quick wins are judged on, in the set of the guidance that lists it:
    the masterplan guidance's six (selection in the bimtek, first “problem formulation”) or the
    evaluation guidance's ten (the annual Quick Win score)."""

    class CriteriaSet(models.TextChoices):
        MASTERPLAN = "masterplan", _("masterplan guidance (selection of quick wins)")
        EVALUATION = "evaluation", _("evaluation guidance (annual Quick Win score)")

    criteria_set = models.CharField(_("criteria set"), max_length=20, choices=CriteriaSet.choices, default=CriteriaSet.MASTERPLAN)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5)
    source = models.CharField(_("source (Indonesian)"), max_length=300, blank=True)
    source_en = models.CharField(_("source (English)"), max_length=300, blank=True)

    @property
    def source_text(self) -> str:
        return in_language(self.source, self.source_en)

    class Meta(Coded.Meta):
        verbose_name = _("quick-win criterion")
        verbose_name_plural = _("quick-win criteria")


class AdvisoryNumber(Coded):
    """A number the programme mentions as typical (e.g. how many quick wins are finally selected):
    pages warn above it, no service refuses. Without a value there is nothing to warn about."""

    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    source = models.CharField(_("source (Indonesian)"), max_length=300, blank=True)
    source_en = models.CharField(_("source (English)"), max_length=300, blank=True)

    @property
    def source_text(self) -> str:
        return in_language(self.source, self.source_en)

    class Meta(Coded.Meta):
        verbose_name = _("advisory number")
        verbose_name_plural = _("advisory numbers")


class RegulationType(Coded):
    """A kind of regional legal instrument in a city's regulation register: Perwali, Perbup,
    decree (SK), Perda, Ranperda … (configurable)."""

    class Meta(Coded.Meta):
        verbose_name = _("regulation type")
        verbose_name_plural = _("regulation types")


class MeetingKind(Coded):
    """A kind of meeting other than a bimtek: council coordination, smart-city forum,
    socialisation, CSR forum … (configurable)."""

    class Meta(Coded.Meta):
        verbose_name = _("meeting kind")
        verbose_name_plural = _("meeting kinds")


SELECTED_QUICK_WINS = "selected-quick-wins"


def advisory_number(code: str) -> int | None:
    """The value of an advisory number (None when absent or cleared)."""
    return AdvisoryNumber.objects.filter(code=code).values_list("value", flat=True).first()
