"""Domain errors with stable codes, shared by services, pages and the API.

Each app declares its codes in `<app>/error_codes.py` as an `ErrorCode` enum: the code an API
client keys on, the HTTP status, and a translated description (the default message). Services
raise `ServiceError(SomeError.CODE, message)`; the API answers `{code, message, errors}` with
the code's status, and the OpenAPI document lists every declared code (`x-error-codes`).
"""

from __future__ import annotations

import enum

from django.utils.module_loading import autodiscover_modules


class ErrorCode(enum.StrEnum):
    """A declared error code: `NAME = "snake_case_code", status, gettext_lazy("what went wrong")`."""

    def __new__(cls, code: str, status: int = 400, description: str = ""):
        member = str.__new__(cls, code)
        member._value_ = code
        member.status = status
        member.description = description
        return member


def declared_codes() -> dict[str, ErrorCode]:
    """Every error code of every installed app, by its value."""
    autodiscover_modules("error_codes")
    found: dict[str, ErrorCode] = {}
    pending = list(ErrorCode.__subclasses__())
    while pending:
        enum_class = pending.pop()
        pending.extend(enum_class.__subclasses__())
        for member in enum_class:
            found[member.value] = member
    return found


class ServiceError(Exception):
    """A refused request: `code` is stable for API clients, `message` translated for people.

    `field` names the input at fault (a form field, a body field), if one is.
    """

    def __init__(self, code: ErrorCode, message: str | None = None, *, field: str | None = None):
        if not isinstance(code, ErrorCode):
            raise TypeError(f"ServiceError needs a declared ErrorCode, not {code!r}")
        message = str(message if message is not None else code.description)
        super().__init__(message)
        self.code = code
        self.status = code.status
        self.message = message
        self.field = field
