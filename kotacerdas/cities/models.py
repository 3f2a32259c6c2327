"""A region's participation in the programme: its departments, bodies, stakeholders, commitment."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.text import roman


class Stage(models.TextChoices):
    """The lifecycle of one region (docs/domain.md §4), in order."""

    INVITED = "invited", _("Invited")
    ASSESSED = "assessed", _("Assessed")
    SELECTED = "selected", _("Selected into a cohort")
    MOU = "mou", _("MoU signed")
    BODIES = "bodies", _("Council and team formed")
    BIMTEK_1 = "bimtek1", _("Bimtek I held")
    BIMTEK_2 = "bimtek2", _("Bimtek II held")
    BIMTEK_3 = "bimtek3", _("Bimtek III held")
    BIMTEK_4 = "bimtek4", _("Bimtek IV held")
    COMMITMENT = "commitment", _("Commitment signed")
    LEGALISED = "legalised", _("Masterplan legalised")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATED = "evaluated", _("Evaluated")

    @classmethod
    def index(cls, value: str) -> int:
        return STAGE_ORDER[value]

    @classmethod
    def of_cycle(cls, value: str) -> bool:
        """Stages a city goes through again in every masterplan cycle (bodies renewed … evaluated)."""
        return cls.index(value) >= cls.index(cls.BODIES)


# Each stage's place in the lifecycle (pages sort and compare stages often).
STAGE_ORDER = {value: position for position, value in enumerate(Stage.values)}
# The stages of the participation itself, once per city (invited … MoU); the others belong to a cycle.
PARTICIPATION_STAGES = [s for s in Stage.values if not Stage.of_cycle(s)]


class Cohort(Versioned):
    """One selection of the programme (*tahap*, *tahun kepesertaan*): national data, kept by the ministry.

    The published counts (invited, assessed, selected) are the programme's own figures, each optional;
    the cities actually recorded in the cohort are counted apart (`cities`).
    """

    year = models.PositiveSmallIntegerField(_("year"))
    stage_number = models.PositiveSmallIntegerField(
        _("stage number"), null=True, blank=True, help_text=_("The programme's stage (tahap) as the source numbers it; empty when unknown.")
    )
    name = models.CharField(_("name"), max_length=150, blank=True, help_text=_("Empty: the stage and year name it."))
    invited_count = models.PositiveIntegerField(_("regencies/cities invited"), null=True, blank=True)
    assessed_count = models.PositiveIntegerField(_("regencies/cities assessed"), null=True, blank=True)
    selected_count = models.PositiveIntegerField(_("regencies/cities selected"), null=True, blank=True)
    selection_criteria = models.TextField(_("selection criteria"), blank=True)
    source_note = models.TextField(_("source of the figures"), blank=True, help_text=_("Where the counts and criteria come from."))

    class Meta:
        ordering = ["year", "stage_number", "id"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "stage_number"],
                name="cohort_year_stage_unique",
                violation_error_code="duplicate",
                violation_error_message=_("A cohort with this year and stage number already exists."),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(stage_number__isnull=True),
                name="cohort_year_unique_without_stage",
                violation_error_code="duplicate",
                violation_error_message=_("A cohort of this year without a stage number already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(selected_count__isnull=True)
                | models.Q(assessed_count__isnull=True)
                | models.Q(selected_count__lte=models.F("assessed_count")),
                name="cohort_selected_within_assessed",
                violation_error_code="cohort_more_selected_than_assessed",
                violation_error_message=_("More regencies/cities were selected than assessed."),
            ),
            models.CheckConstraint(
                condition=models.Q(assessed_count__isnull=True)
                | models.Q(invited_count__isnull=True)
                | models.Q(assessed_count__lte=models.F("invited_count")),
                name="cohort_assessed_within_invited",
                violation_error_code="cohort_more_assessed_than_invited",
                violation_error_message=_("More regencies/cities were assessed than invited."),
            ),
            models.CheckConstraint(
                condition=models.Q(selected_count__isnull=True)
                | models.Q(invited_count__isnull=True)
                | models.Q(selected_count__lte=models.F("invited_count")),
                name="cohort_selected_within_invited",
                violation_error_code="cohort_more_selected_than_invited",
                violation_error_message=_("More regencies/cities were selected than invited."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Its name, else “Tahap III (2019)”, else “Tahun kepesertaan 2019”."""
        if self.name:
            return self.name
        if self.stage_number:
            return _("Stage %(stage)s (%(year)d)") % {"stage": roman(self.stage_number), "year": self.year}
        return _("Cohort %(year)d") % {"year": self.year}


class City(Versioned):
    """A regency or city taking part in the smart-city movement (keyed by its region code)."""

    city_path = ""  # the path to its city, for scoping and the audit trail

    region = models.OneToOneField(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="city",
        limit_choices_to={"level": "regency"},
    )
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), null=True, blank=True, on_delete=models.PROTECT, related_name="cities")
    invited_on = models.DateField(_("invited on"), null=True, blank=True)
    selected_on = models.DateField(_("selected on"), null=True, blank=True)
    mou_number = models.CharField(_("MoU number"), max_length=120, blank=True)
    mou_date = models.DateField(_("MoU date"), null=True, blank=True)
    mou_signatories = models.TextField(_("MoU signatories"), blank=True, help_text=_("One per line: name – position"))
    stage = models.CharField(_("lifecycle stage"), max_length=20, choices=Stage.choices, default=Stage.INVITED)
    is_demo = models.BooleanField(_("demo data"), default=False)
    is_published = models.BooleanField(
        _("published on the public portal"),
        default=False,
        help_text=_("Citizens see the published masterplan and its progress."),
    )

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.region.name

    @property
    def code(self) -> str:
        return self.region_id

    @property
    def name(self) -> str:
        return self.region.name

    @property
    def cohort_year(self) -> int | None:
        """The year the city was selected in (its cohort's), derived."""
        return self.cohort.year if self.cohort_id else None


class StageEvent(models.Model):
    """The date a city reached a lifecycle stage, in a masterplan cycle for the stages of a cycle.

    The cycle is the masterplan record (its period): participation stages (invited … MoU) have
    none; a stage of a cycle recorded before its masterplan was opened has none until the
    masterplan is opened (it then joins it).
    """

    city_path = "city"

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="stage_events")
    masterplan = models.ForeignKey(
        "masterplan.Masterplan",
        verbose_name=_("masterplan cycle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stage_events",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    reached_on = models.DateField(_("reached on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["reached_on", "id"]
        verbose_name = _("stage reached")
        verbose_name_plural = _("stages reached")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "stage"],
                condition=models.Q(masterplan__isnull=True),
                name="one_event_per_city_stage",
                violation_error_message=_("This stage is already recorded for the city."),
            ),
            models.UniqueConstraint(
                fields=["masterplan", "stage"],
                condition=models.Q(masterplan__isnull=False),
                name="one_event_per_cycle_stage",
                violation_error_message=_("This stage is already recorded for this masterplan cycle."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.reached_on})"


class Opd(Versioned):
    """A regional department (Organisasi Perangkat Daerah)."""

    city_path = "city"

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="opds")
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    head_name = models.CharField(_("head"), max_length=150, blank=True)
    head_title = models.CharField(_("head's title"), max_length=150, blank=True)
    is_leading_sector = models.BooleanField(_("leading sector"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department (OPD)")
        verbose_name_plural = _("departments (OPD)")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "city",
                name="opd_name_unique_in_city",
                violation_error_code="duplicate",
                violation_error_message=_("This city already has a department with this name."),
            ),
            models.UniqueConstraint(
                Lower("short_name"),
                "city",
                name="opd_short_name_unique_in_city",
                violation_error_code="duplicate",
                violation_error_message=_("This city already has a department with this short name."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Body(Versioned):
    """The smart-city council, implementation team or forum, set up by decree (SK)."""

    city_path = "city"

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Smart-city council (Dewan Smart City)")
        TEAM = "team", _("Implementation team (Tim Pelaksana)")
        FORUM = "forum", _("Smart-city forum")

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    decree_number = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "kind", "name"],
                name="body_unique_in_city",
                violation_error_code="duplicate",
                violation_error_message=_("This city already has a body of this kind with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class BodyMember(Versioned):
    city_path = "body__city"

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the body"), max_length=150)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    opd = models.ForeignKey(Opd, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Stakeholder(Versioned):
    """A partner of the city: BUMN, BUMD, university, business, community, media, TNI/Polri."""

    city_path = "city"

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    type = models.ForeignKey("framework.StakeholderType", verbose_name=_("type"), on_delete=models.PROTECT)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "city",
                name="stakeholder_name_unique_in_city",
                violation_error_code="duplicate",
                violation_error_message=_("This city already has a stakeholder with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Commitment(Versioned):
    """The signed commitment (lembar komitmen) of the head of region, OPDs and stakeholders."""

    city_path = "city"

    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="commitments")
    signed_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    text = models.TextField(_("text of the commitment"))

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.city} {self.signed_on}"


class Signatory(Versioned):
    city_path = "commitment__city"

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("regional official")
        OPD = "opd", _("department head")
        STAKEHOLDER = "stakeholder", _("stakeholder")

    commitment = models.ForeignKey(Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="signatories")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    opd = models.ForeignKey(Opd, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("stakeholder"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="signatory_has_name",
                violation_error_code="required",
                violation_error_message=_("Every signatory needs a name."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.role}"
