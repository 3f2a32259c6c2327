"""Error codes of evaluation (the generic ones are core's `CoreError`; weights not adding up to
100 % is the framework's `weights_not_100`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class EvaluationError(ErrorCode):
    YEAR_NOT_OPEN = "evaluation_year_not_open", 400, _("The evaluation year has not been opened by the ministry.")
    ROUND_UNKNOWN = "evaluation_round_unknown", 400, _("The evaluation year has no round with this number.")
    SCORE_INVALID = "score_invalid", 400, _("A score must be a number from 0 to 5 with at most two decimals.")
    SCORES_INCOMPLETE = "scores_incomplete", 400, _("Every evaluation dimension of the year needs a score.")
    WEIGHTS_MISSING = "evaluation_weights_missing", 400, _("The reference data has no evaluation weights for this year.")
    NOT_AN_ASSESSOR = "not_an_assessor", 400, _("Only users with the assessor role can be assigned to score cities.")
    WRONG_STATUS = "evaluation_wrong_status", 409, _("The evaluation's status does not allow this step.")
    PUBLISHED = "evaluation_published", 409, _("The evaluation is published and can no longer be changed.")
    FOLLOW_UP_EVIDENCE_MISSING = (
        "follow_up_evidence_missing",
        400,
        _("A follow-up is closed only with evidence (a link or a file)."),
    )
