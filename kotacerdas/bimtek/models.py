"""The four technical-guidance workshops (bimtek) and what they produce."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.text import roman


class Workshop(Versioned):
    """Bimtek I–IV of one masterplan."""

    city_path = "masterplan__city"

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="workshops"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    mentors = models.ManyToManyField(
        "accounts.Mentor",
        verbose_name=_("mentors"),
        blank=True,
        related_name="workshops",
        help_text=_("Chosen among the mentors assigned to the city."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    is_held = models.BooleanField(_("held"), default=False)

    class Meta:
        ordering = ["masterplan", "number"]
        verbose_name = _("bimtek")
        verbose_name_plural = _("bimtek")
        constraints = [
            models.UniqueConstraint(
                fields=["masterplan", "number"],
                name="one_bimtek_number_per_masterplan",
                violation_error_code="duplicate_bimtek",
                violation_error_message=_("This masterplan already has a bimtek with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4),
                name="bimtek_number_1_to_4",
                violation_error_code="invalid_bimtek_number",
                violation_error_message=_("A bimtek is numbered 1 to 4."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="bimtek_dates_ordered",
                violation_error_code="dates_reversed",
                violation_error_message=_("The start date must not be after the end date."),
            ),
        ]

    def __str__(self) -> str:
        return f"Bimtek {self.roman}"

    @property
    def roman(self) -> str:
        return roman(self.number)


class Participant(Versioned):
    city_path = "workshop__masterplan__city"

    class Group(models.TextChoices):
        OPD = "opd", _("department staff")
        COUNCIL = "council", _("council")
        TEAM = "team", _("implementation team")
        STAKEHOLDER = "stakeholder", _("stakeholder")
        MENTOR = "mentor", _("mentor")
        OTHER = "other", _("other")

    workshop = models.ForeignKey(Workshop, verbose_name=_("bimtek"), on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=150)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    opd = models.ForeignKey("cities.Opd", verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stakeholder = models.ForeignKey(
        "cities.Stakeholder", verbose_name=_("stakeholder"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Output(Versioned):
    """Something a bimtek produced that becomes plan content, with its provenance."""

    city_path = "workshop__masterplan__city"

    class Kind(models.TextChoices):
        SWOT = "swot", _("SWOT item")
        GAP = "gap", _("gap item")
        VISION_KEYWORD = "vision_keyword", _("vision keyword")
        PROGRAMME_IDEA = "programme_idea", _("programme idea")
        STRATEGY = "strategy", _("strategy")
        QUICK_WIN = "quick_win", _("quick-win candidate")
        NOTE = "note", _("note")

    class SwotCategory(models.TextChoices):
        STRENGTH = "S", _("Strength")
        WEAKNESS = "W", _("Weakness")
        OPPORTUNITY = "O", _("Opportunity")
        THREAT = "T", _("Threat")

    workshop = models.ForeignKey(Workshop, verbose_name=_("bimtek"), on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    dimension = models.ForeignKey(
        "framework.Dimension", verbose_name=_("dimension"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lens = models.ForeignKey(
        "framework.ReadinessLens", verbose_name=_("readiness lens"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    swot_category = models.CharField(_("SWOT category"), max_length=1, choices=SwotCategory.choices, blank=True)
    proposed_by_opd = models.ForeignKey(
        "cities.Opd", verbose_name=_("proposed by department"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_stakeholder = models.ForeignKey(
        "cities.Stakeholder", verbose_name=_("proposed by stakeholder"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["workshop", "kind", "id"]
        verbose_name = _("bimtek output")
        verbose_name_plural = _("bimtek outputs")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="swot") | (~models.Q(swot_category="") & models.Q(lens__isnull=False)),
                name="swot_output_has_category_and_lens",
                violation_error_code="swot_incomplete",
                violation_error_message=_("A SWOT item needs its category (S, W, O, T) and its readiness lens."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def proposer(self):
        return self.proposed_by_opd or self.proposed_by_stakeholder

    @property
    def proposer_name(self) -> str:
        """The department's full name (people say "Dinas Kesehatan", not "Dinkes") or the organisation."""
        if self.proposed_by_opd is not None:
            return self.proposed_by_opd.name
        return self.proposed_by_stakeholder.name if self.proposed_by_stakeholder is not None else ""

    @property
    def provenance(self) -> str:
        """Where the output comes from: "Proposed in Bimtek II by Dinas Kesehatan"."""
        if self.proposer_name:
            return _("Proposed in Bimtek %(number)s by %(proposer)s") % {"number": self.workshop.roman, "proposer": self.proposer_name}
        return _("Proposed in Bimtek %(number)s") % {"number": self.workshop.roman}
