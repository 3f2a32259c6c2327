"""The official plans (the national RPJMN; the region's RPJPD, RPJMD or transition RPD, RTRW, the head of
region's priority programmes, Renstra, RKPD/Renja) and programme links to them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned

# Permendagri 90/2019 nomenclature codes, each level extending the one before:
# 2.16 (affair + field), 2.16.02 (programme), 2.16.02.1.01 (activity), 2.16.02.1.01.0001 (sub-activity).
NOMENCLATURE_RE = r"^[1-9]\.[0-9]{2}(\.[0-9]{2}(\.[1-9]\.[0-9]{2}(\.[0-9]{4})?)?)?\Z"


class PlanDocument(Versioned):
    """An official plan the city's masterplan aligns with. The kinds are fixed by national law (UU 25/2004,
    UU 26/2007, Permendagri 86/2017, Inmendagri 70/2021), not by the smart-city programme, so they are
    choices here; what each kind means for the rules is spelt out in the sets below the class."""

    city_path = "city"

    class Kind(models.TextChoices):
        RPJMN = "rpjmn", _("RPJMN (5-year national plan)")
        RPJPD = "rpjpd", _("RPJPD (20-year regional plan)")
        RTRW = "rtrw", _("RTRW (regional spatial plan)")
        RPJMD = "rpjmd", _("RPJMD (5-year regional plan)")
        RPD = "rpd", _("RPD (transition regional plan)")
        PRIORITY = "priority", _("Priority programmes of the head of region")
        RENSTRA = "renstra", _("Renstra PD (department strategic plan)")
        RKPD = "rkpd", _("RKPD (annual regional work plan)")
        RENJA = "renja", _("Renja PD (annual department work plan)")

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="plan_documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    opd = models.ForeignKey("cities.Opd", verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)

    class Meta:
        ordering = ["city", "kind", "-start_year"]
        verbose_name = _("official plan")
        verbose_name_plural = _("official plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__lte=models.F("end_year")),
                name="plan_years_ordered",
                violation_error_code="range_reversed",
                violation_error_message=_("The first year must not be after the last year."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["renstra", "renja"]) | models.Q(opd__isnull=False),
                name="department_plan_has_opd",
                violation_error_code="required",
                violation_error_message=_("A Renstra or Renja belongs to a department: choose it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_ended(self) -> bool:
        """Its period is over: its last year is before this year."""
        return self.end_year < timezone.localdate().year

    @property
    def is_national(self) -> bool:
        return self.kind in NATIONAL_KINDS


_K = PlanDocument.Kind
# A department's own plans (they name their OPD); every other kind is the whole region's, or the nation's.
DEPARTMENT_KINDS = frozenset({_K.RENSTRA, _K.RENJA})
# The national government's plans: the city records the one its programmes align to, it does not write it.
NATIONAL_KINDS = frozenset({_K.RPJMN})
# The region's medium-term plan: the RPJMD, or for the years without one (a head of region's term ended
# before the 2024 elections) the transition RPD of Inmendagri 70/2021.
MEDIUM_TERM_KINDS = frozenset({_K.RPJMD, _K.RPD})
# Plans whose programmes, activities and sub-activities carry Permendagri 90/2019 codes; the others
# (national priorities, spatial plan, the head of region's priorities) take a free reference, if any.
NOMENCLATURE_KINDS = frozenset({_K.RPJPD, _K.RPJMD, _K.RPD, _K.RENSTRA, _K.RKPD, _K.RENJA})


class PlanItem(Versioned):
    """A vision, mission, goal, programme, activity or sub-activity of an official plan."""

    city_path = "document__city"

    class Kind(models.TextChoices):
        VISION = "vision", _("vision")
        MISSION = "mission", _("mission")
        GOAL = "goal", _("goal")
        PROGRAMME = "programme", _("programme")
        ACTIVITY = "activity", _("activity")
        SUB_ACTIVITY = "sub_activity", _("sub-activity")

    document = models.ForeignKey(PlanDocument, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=30, blank=True)
    text = models.TextField(_("text"))
    indicator = models.TextField(_("indicator"), blank=True)
    target = models.CharField(_("target"), max_length=150, blank=True)
    indicative_ceiling = models.DecimalField(
        _("indicative ceiling (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["document", "order", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicative_ceiling__isnull=True) | models.Q(indicative_ceiling__gte=0),
                name="plan_item_ceiling_not_negative",
                violation_error_code="out_of_range",
                violation_error_message=_("The indicative ceiling cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["document", "code"],
                condition=~models.Q(code=""),
                name="plan_item_code_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This plan already has an item with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:70]}".strip()


class ProgrammeLink(models.Model):
    """A masterplan programme aligned with an item of an official plan."""

    city_path = "programme__masterplan__city"

    programme = models.ForeignKey("programmes.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="plan_links")
    plan_item = models.ForeignKey(PlanItem, verbose_name=_("plan item"), on_delete=models.PROTECT, related_name="programme_links")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan link")
        verbose_name_plural = _("plan links")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "plan_item"],
                name="link_unique",
                violation_error_code="duplicate",
                violation_error_message=_("The programme is already linked to this plan item."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} → {self.plan_item}"
