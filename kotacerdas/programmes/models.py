"""The programme registry (docs/domain.md §5): what the masterplan will do, by whom, when, with what money."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.storage import evidence_path, private_storage


class Programme(Versioned):
    city_path = "masterplan__city"

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", verbose_name=_("masterplan"), on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    dimension = models.ForeignKey("framework.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+")
    element = models.ForeignKey("framework.Element", verbose_name=_("element"), on_delete=models.PROTECT, related_name="+")
    lead_opd = models.ForeignKey(
        "cities.Opd",
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    supporting_opds = models.ManyToManyField(
        "cities.Opd", verbose_name=_("supporting departments"), blank=True, related_name="supported_programmes"
    )
    person_in_charge = models.CharField(_("person in charge"), max_length=150, blank=True)
    horizon = models.ForeignKey("framework.Horizon", verbose_name=_("horizon"), on_delete=models.PROTECT, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.ForeignKey("framework.ProgrammeStatus", verbose_name=_("status"), on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "district"},
    )
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "village"},
    )
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    origin = models.ForeignKey(
        "bimtek.Output", verbose_name=_("proposed in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="programmes"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["dimension__order", "element__order", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__lte=models.F("end_year")),
                name="programme_years_ordered",
                violation_error_code="range_reversed",
                violation_error_message=_("The first year must not be after the last year."),
            ),
            models.UniqueConstraint(
                fields=["masterplan", "name"],
                name="programme_name_unique_in_masterplan",
                violation_error_code="duplicate",
                violation_error_message=_("This masterplan already has a programme with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeStakeholder(models.Model):
    city_path = "programme__masterplan__city"

    class Role(models.TextChoices):
        FUNDER = "funder", _("funder")
        IMPLEMENTER = "implementer", _("implementer")
        SUPPORTER = "supporter", _("supporter")

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="partners")
    stakeholder = models.ForeignKey(
        "cities.Stakeholder", verbose_name=_("stakeholder"), on_delete=models.PROTECT, related_name="programme_roles"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["role", "stakeholder__name"]
        verbose_name = _("programme partner")
        verbose_name_plural = _("programme partners")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "stakeholder", "role"],
                name="partner_role_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This stakeholder already has this role in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} ({self.get_role_display()})"


class ProgrammeYear(models.Model):
    """One year of a programme: its status in that year, its planned budget and the shares that fund it
    (`funding`, adding up to the budget); indicators, targets and realised values: `monitoring`."""

    city_path = "programme__masterplan__city"

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    budget = models.DecimalField(_("budget (Rp)"), max_digits=18, decimal_places=0, default=0)
    status = models.ForeignKey(
        "framework.ProgrammeStatus",
        verbose_name=_("status in the year"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty until set."),
    )

    class Meta:
        ordering = ["programme", "year"]
        verbose_name = _("programme year")
        verbose_name_plural = _("programme years")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                name="one_row_per_programme_year",
                violation_error_code="duplicate",
                violation_error_message=_("This programme already has a row for this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="budget_not_negative",
                violation_error_code="out_of_range",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    @property
    def single_source(self):
        """The source of a year funded by one source alone, no stakeholder named (the import's one-source column)."""
        shares = list(self.funding.all())
        return shares[0].source if len(shares) == 1 and shares[0].stakeholder_id is None else None


class ProgrammeFunding(models.Model):
    """A share of a programme year's budget: how much one funding source gives, and from which stakeholder
    (required when the source is from a partner, `FundingSource.from_partner`). A year's shares add up to its budget."""

    city_path = "year__programme__masterplan__city"

    year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"), on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey("framework.FundingSource", verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount (Rp)"), max_digits=18, decimal_places=0)
    stakeholder = models.ForeignKey(
        "cities.Stakeholder",
        verbose_name=_("contributing stakeholder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_funding",
    )

    class Meta:
        ordering = ["source__order", "pk"]
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_code="out_of_range",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.label}"

    @property
    def label(self) -> str:
        """The source, with the contributing stakeholder when named: “CSR (PT Telkom …)”."""
        return f"{self.source.name} ({self.stakeholder.name})" if self.stakeholder_id else self.source.name


class Evidence(models.Model):
    """A supporting file (data dukung) for a programme, private: see `programmes.files`."""

    city_path = "programme__masterplan__city"

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="evidence")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.description


class QuickWin(Versioned):
    """The quick-win sheet of a programme (Buku III)."""

    city_path = "programme__masterplan__city"

    class Stage(models.TextChoices):
        CANDIDATE = "candidate", _("candidate")
        SHORTLISTED = "shortlisted", _("shortlisted")
        SELECTED = "selected", _("selected")

    programme = models.OneToOneField(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="quick_win")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.CANDIDATE)
    problem = models.TextField(_("problem"), blank=True)
    innovation = models.TextField(_("innovation"), blank=True)
    benefit = models.TextField(_("benefit"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    timeline = models.CharField(_("timeline"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quick win")
        verbose_name_plural = _("quick wins")

    def __str__(self) -> str:
        return str(self.programme)


class QuickWinScore(models.Model):
    city_path = "quick_win__programme__masterplan__city"

    quick_win = models.ForeignKey(QuickWin, verbose_name=_("quick win"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("framework.QuickWinCriterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["criterion__order"]
        verbose_name = _("quick-win score")
        verbose_name_plural = _("quick-win scores")
        constraints = [
            models.UniqueConstraint(
                fields=["quick_win", "criterion"],
                name="one_score_per_criterion",
                violation_error_code="duplicate",
                violation_error_message=_("This criterion is already scored."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ActionStep(Versioned):
    """One step of a programme's action plan (rencana aksi): in which year, what is done, the milestone
    that shows it is done, and the department responsible (the lead or a supporting one)."""

    city_path = "programme__masterplan__city"

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.CharField(_("step"), max_length=300)
    milestone = models.CharField(_("milestone"), max_length=300, blank=True)
    opd = models.ForeignKey(
        "cities.Opd", verbose_name=_("responsible department"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["programme", "order", "year", "pk"]
        verbose_name = _("action-plan step")
        verbose_name_plural = _("action-plan steps")

    def __str__(self) -> str:
        return f"{self.year}: {self.description}"
