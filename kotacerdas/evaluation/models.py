"""The annual evaluation: years, rounds, self-assessment, assessors' scores, final index, rankings, follow-ups.

The weights of a year are national reference data (`framework.EvaluationYear`); a final index is
stored with the weights and the formula it was computed with, so a later change of the weights
never rewrites a result.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Versioned
from kotacerdas.core.storage import evidence_path, private_storage

SCORE_MIN, SCORE_MAX = Decimal("0"), Decimal("5")
score_validators = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


def _score_field(label, **kwargs):
    return models.DecimalField(label, max_digits=3, decimal_places=2, validators=score_validators, **kwargs)


class Cycle(models.Model):
    """An evaluation year opened by the ministry (its weights are the framework's for that year)."""

    year = models.OneToOneField(
        "framework.EvaluationYear", verbose_name=_("evaluation year"), on_delete=models.PROTECT, related_name="cycle"
    )
    opened_on = models.DateField(_("opened on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year__year"]
        verbose_name = _("opened evaluation year")
        verbose_name_plural = _("opened evaluation years")

    def __str__(self) -> str:
        return str(self.year.year)


class Round(Versioned):
    """One round of a year (Tahap I, Tahap II …): how many a year has is data, not a rule."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("evaluation year"), on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(20)])
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "number"],
                name="evaluation_round_number_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This evaluation year already has a round with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True) | models.Q(ends_on__isnull=True) | models.Q(starts_on__lte=models.F("ends_on")),
                name="evaluation_round_dates_ordered",
                violation_error_code="range_reversed",
                violation_error_message=_("The round cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.cycle}"


class Assignment(models.Model):
    """An assessor assigned to score a city in an evaluation year."""

    city_path = "city"

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.CASCADE, related_name="evaluation_assignments"
    )
    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="evaluation_assignments")
    cycle = models.ForeignKey(Cycle, verbose_name=_("evaluation year"), on_delete=models.CASCADE, related_name="assignments")

    class Meta:
        ordering = ["cycle", "city", "assessor"]
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "city", "cycle"],
                name="evaluation_assignment_unique",
                violation_error_code="duplicate",
                violation_error_message=_("This assessor is already assigned to this city for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.city} {self.cycle}"


class Evaluation(Versioned):
    """One city in one round: self-assessment, scores, findings, final index, results letter."""

    city_path = "city"

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUBMITTED = "submitted", _("submitted")
        SCORED = "scored", _("scored")
        PUBLISHED = "published", _("published")

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="evaluations")
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="evaluations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    final_index = _score_field(_("final index"), null=True, blank=True)
    weights = models.JSONField(_("weights used (%)"), default=dict, blank=True)
    formula = models.CharField(_("formula"), max_length=500, blank=True)
    is_imported = models.BooleanField(_("imported result"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    letter_number = models.CharField(_("results letter number"), max_length=120, blank=True)
    letter_date = models.DateField(_("results letter date"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["city", "-round__cycle__year__year", "-round__number"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "round"],
                name="one_evaluation_per_city_round",
                violation_error_code="duplicate",
                violation_error_message=_("This city already has an evaluation for this round."),
            ),
            models.CheckConstraint(
                condition=models.Q(final_index__isnull=True) | models.Q(final_index__gte=0, final_index__lte=5),
                name="final_index_between_0_and_5",
                violation_error_code="out_of_range",
                violation_error_message=_("The final index must be between 0 and 5."),
            ),
            models.CheckConstraint(
                condition=~models.Q(is_imported=True) | ~models.Q(source=""),
                name="imported_result_has_source",
                violation_error_code="required",
                violation_error_message=_("An imported result names its source (a letter or a press report)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.round}"

    @property
    def year(self) -> int:
        return self.round.cycle.year.year


class Score(models.Model):
    """An assessor's score 0–5 (two decimals) of one evaluation dimension."""

    city_path = "evaluation__city"

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey("framework.EvaluationDimension", verbose_name=_("evaluation dimension"), on_delete=models.PROTECT)
    score = _score_field(_("score"))

    class Meta:
        ordering = ["evaluation", "dimension__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "dimension"],
                name="one_score_per_evaluation_dimension",
                violation_error_code="duplicate",
                violation_error_message=_("This evaluation already has a score for this dimension."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=5),
                name="score_between_0_and_5",
                violation_error_code="out_of_range",
                violation_error_message=_("A score must be between 0 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.score}"


class DimensionIndex(models.Model):
    """An optional index 0–5 per smart-city dimension (Smart Governance …), given by the assessors."""

    city_path = "evaluation__city"

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="dimension_indices")
    dimension = models.ForeignKey("framework.Dimension", verbose_name=_("smart-city dimension"), on_delete=models.PROTECT)
    value = _score_field(_("index"))

    class Meta:
        ordering = ["evaluation", "dimension__order"]
        verbose_name = _("smart-city dimension index")
        verbose_name_plural = _("smart-city dimension indices")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "dimension"],
                name="one_index_per_evaluation_dimension",
                violation_error_code="duplicate",
                violation_error_message=_("This evaluation already has an index for this dimension."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.value}"


class SelfAssessment(Versioned):
    """The city's narrative for one evaluation dimension of a round."""

    city_path = "evaluation__city"

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="self_assessments")
    dimension = models.ForeignKey("framework.EvaluationDimension", verbose_name=_("evaluation dimension"), on_delete=models.PROTECT)
    narrative = models.TextField(_("narrative"), blank=True)

    class Meta:
        ordering = ["evaluation", "dimension__order"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "dimension"],
                name="one_self_assessment_per_dimension",
                violation_error_code="duplicate",
                violation_error_message=_("This evaluation already has a self-assessment for this dimension."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.dimension}"


class SelfAssessmentEvidence(models.Model):
    """Evidence (data dukung) of a self-assessment: a private file or a link."""

    city_path = "self_assessment__evaluation__city"

    self_assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE, related_name="evidence"
    )
    description = models.CharField(_("description"), max_length=300)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["self_assessment", "uploaded_at", "pk"]
        verbose_name = _("self-assessment evidence")
        verbose_name_plural = _("self-assessment evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(link=""),
                name="self_assessment_evidence_file_or_link",
                violation_error_code="required",
                violation_error_message=_("Evidence is a file or a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Finding(Versioned):
    """A strength, weakness or recommendation of the assessors."""

    city_path = "evaluation__city"

    class Kind(models.TextChoices):
        STRENGTH = "strength", _("strength")
        WEAKNESS = "weakness", _("weakness")
        RECOMMENDATION = "recommendation", _("recommendation")

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["evaluation", "kind", "order", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(Versioned):
    """A recommendation the city must act on: owner department, due date, status, evidence."""

    city_path = "city"

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        CLOSED = "closed", _("closed")

    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="evaluation_follow_ups")
    finding = models.OneToOneField(
        Finding, verbose_name=_("recommendation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_up"
    )
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("recommendation"))
    owner_opd = models.ForeignKey(
        "cities.Opd", verbose_name=_("owner department"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    evidence_note = models.TextField(_("what was done"), blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, storage=private_storage, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["city", "status", "due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(evidence_link="") | ~models.Q(evidence_file=""),
                name="closed_follow_up_has_evidence",
                violation_error_code="follow_up_evidence_missing",
                violation_error_message=_("A follow-up is closed only with evidence (a link or a file)."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
