"""Error codes of evaluation (the generic ones are core's `CoreError`)."""

from kotacerdas.core.errors import ErrorCode


class EvaluationError(ErrorCode):
    pass
