"""Error codes of jobs (the generic ones are core's `CoreError`)."""

from kotacerdas.core.errors import ErrorCode


class JobsError(ErrorCode):
    pass
