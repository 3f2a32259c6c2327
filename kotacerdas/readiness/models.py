"""Readiness analysis per lens: SWOT, a configurable rating, condition vs target, gaps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned


class LensAssessment(Versioned):
    city_path = "masterplan__city"

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="lens_assessments"
    )
    lens = models.ForeignKey("framework.ReadinessLens", verbose_name=_("lens"), on_delete=models.PROTECT, related_name="+")
    rating = models.ForeignKey(
        "framework.ReadinessRating", verbose_name=_("rating"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current_condition = models.TextField(_("current condition"), blank=True)
    target_condition = models.TextField(_("target condition"), blank=True)

    class Meta:
        ordering = ["masterplan", "lens__order"]
        verbose_name = _("lens assessment")
        verbose_name_plural = _("lens assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["masterplan", "lens"],
                name="one_assessment_per_lens",
                violation_error_code="duplicate_lens",
                violation_error_message=_("This lens is already assessed for the masterplan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} – {self.lens}"


class SwotItem(Versioned):
    city_path = "masterplan__city"

    class Category(models.TextChoices):
        STRENGTH = "S", _("Strength")
        WEAKNESS = "W", _("Weakness")
        OPPORTUNITY = "O", _("Opportunity")
        THREAT = "T", _("Threat")

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="swot_items"
    )
    lens = models.ForeignKey("framework.ReadinessLens", verbose_name=_("lens"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=1, choices=Category.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    origin = models.ForeignKey(
        "bimtek.Output", verbose_name=_("proposed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="swot_items"
    )

    class Meta:
        ordering = ["lens__order", "category", "order", "id"]
        verbose_name = _("SWOT item")
        constraints = [
            models.UniqueConstraint(
                fields=["origin"],
                name="bimtek_output_adopted_once_as_swot",
                violation_error_code="already_adopted",
                violation_error_message=_("This bimtek output has already been adopted."),
            )
        ]
        verbose_name_plural = _("SWOT items")

    def __str__(self) -> str:
        return f"{self.category}: {self.text[:60]}"


class GapItem(Versioned):
    city_path = "masterplan__city"

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="gap_items"
    )
    lens = models.ForeignKey("framework.ReadinessLens", verbose_name=_("lens"), on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("gap"))
    current_condition = models.TextField(_("current condition"), blank=True)
    target_condition = models.TextField(_("target condition"), blank=True)
    programmes = models.ManyToManyField(
        "programmes.Programme", verbose_name=_("programmes closing the gap"), blank=True, related_name="gaps"
    )
    origin = models.ForeignKey(
        "bimtek.Output", verbose_name=_("proposed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="gap_items"
    )

    class Meta:
        ordering = ["lens__order", "id"]
        verbose_name = _("gap item")
        constraints = [
            models.UniqueConstraint(
                fields=["origin"],
                name="bimtek_output_adopted_once_as_gap",
                violation_error_code="already_adopted",
                violation_error_message=_("This bimtek output has already been adopted."),
            )
        ]
        verbose_name_plural = _("gap items")

    def __str__(self) -> str:
        return self.description[:80]


class Strategy(Versioned):
    """A strategy of the masterplan for one dimension: what the SWOT analysis leads to, carried out by programmes."""

    city_path = "masterplan__city"

    class Pairing(models.TextChoices):
        """The quadrant of the TOWS matrix the strategy comes from (optional)."""

        SO = "SO", _("SO: use strengths to seize opportunities")
        ST = "ST", _("ST: use strengths to meet threats")
        WO = "WO", _("WO: overcome weaknesses by seizing opportunities")
        WT = "WT", _("WT: reduce weaknesses and avoid threats")

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="strategies"
    )
    dimension = models.ForeignKey("framework.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    pairing = models.CharField(_("TOWS pairing"), max_length=2, choices=Pairing.choices, blank=True)
    swot_items = models.ManyToManyField(SwotItem, verbose_name=_("SWOT items it answers"), blank=True, related_name="strategies")
    programmes = models.ManyToManyField(
        "programmes.Programme", verbose_name=_("programmes carrying it"), blank=True, related_name="strategies"
    )
    origin = models.ForeignKey(
        "bimtek.Output", verbose_name=_("proposed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="strategies"
    )

    class Meta:
        ordering = ["dimension__order", "order", "id"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.UniqueConstraint(
                fields=["origin"],
                name="bimtek_output_adopted_once_as_strategy",
                violation_error_code="already_adopted",
                violation_error_message=_("This bimtek output has already been adopted."),
            )
        ]

    def __str__(self) -> str:
        return self.title
