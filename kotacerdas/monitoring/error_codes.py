"""Error codes of monitoring (the generic ones are core's `CoreError`)."""

from kotacerdas.core.errors import ErrorCode


class MonitoringError(ErrorCode):
    pass
