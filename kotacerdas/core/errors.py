"""Domain errors with stable codes, shared by services, pages and the API."""
from __future__ import annotations


class ServiceError(Exception):
    """A refused write: `code` is stable for API clients, `message` translated for people."""

    status = 400

    def __init__(self, code: str, message: str, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.field = field
        if status is not None:
            self.status = status


class Conflict(ServiceError):
    """The write contradicts existing data (duplicate, still linked …)."""

    status = 409
