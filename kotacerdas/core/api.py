"""API plumbing written once: the API class, the error envelope, paging, PATCH input, id resolution.

The convention every router follows is `docs/api.md`; the helpers here are how to follow it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import IntegrityError, OperationalError, models
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict, ValidationInfo, field_validator

from kotacerdas.core import concurrency
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ErrorCode, ServiceError, declared_codes
from kotacerdas.core.text import clean_data, text_limit, too_long

logger = logging.getLogger(__name__)

# Database keys are signed 64-bit integers: a larger id names no record (and must not reach SQL).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class FieldError(Schema):
    field: str
    code: str
    message: str


class Error(Schema):
    """Every error answer (4xx, 503): a stable `code` (listed in `x-error-codes`), a translated `message`, field errors if any."""

    code: str
    message: str
    errors: list[FieldError] = []
    request_id: str = Field("", description="The request's id (also in the `X-Request-ID` header and the server's log).")


ERROR_RESPONSES = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 413: Error, 422: Error, 503: Error}


# --- input ----------------------------------------------------------------------------------


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def absent(**kwargs) -> Any:
    """The default of a PATCH field: not sent means unchanged. The field's type says whether
    `null` is allowed (`date | None` clears the value; `str` answers 422 to a null)."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", list: "array", dict: "object", type(None): "null"}


def _json_type_fits(value, schema: dict) -> bool:
    """Whether a parsed JSON value has a type the field's JSON schema allows (a date is a string,
    an integer is not a boolean): pydantic's lax coercions (0 → 1970-01-01, false → 0) are refused."""
    if "anyOf" in schema:
        return any(_json_type_fits(value, option) for option in schema["anyOf"])
    expected = schema.get("type")
    if expected is None:  # a nested model ($ref) or an unconstrained value validates itself
        return True
    kind = _JSON_TYPES.get(type(value))
    allowed = set(expected) if isinstance(expected, list) else {expected}
    if kind not in allowed and not (kind == "integer" and "number" in allowed):
        return False
    if kind == "array" and "items" in schema:
        return all(_json_type_fits(item, schema["items"]) for item in value)
    return True


@functools.cache
def _field_schemas(model: type[Schema]) -> dict:
    schema = model.model_json_schema()
    return {name: schema["properties"].get(info.alias or name, {}) for name, info in model.model_fields.items()}


class Input(Schema):
    """Base of every request body: unknown fields are refused with their names (422); every value
    must have the JSON type the document gives it (422); text is normalised (NFC, no zero-width
    characters) and a NUL or a lone surrogate refused (422)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _check_and_clean(cls, value, info: ValidationInfo):
        schema = _field_schemas(cls).get(info.field_name, {})
        if not _json_type_fits(value, schema):
            raise ValueError(_("The value has the wrong type: see the schema of this field."))
        value = clean_data(value)
        if isinstance(value, str) and len(value) > text_limit() and not _has_max_length(schema):
            raise ValueError(too_long(info.field_name, text_limit(), len(value)))
        return value


def _has_max_length(schema: dict) -> bool:
    return "maxLength" in schema or any("maxLength" in option for option in schema.get("anyOf", []))


def changes(payload: Schema) -> dict:
    """The fields a PATCH body sent (with their values, `null` included)."""
    return payload.dict(exclude_unset=True)


class Paging(Schema):
    """`limit` (1–500, default 50) and `offset` (≥ 0) of a list; outside the range answers 422.
    List filters derive from it: their text is cleaned like a body's."""

    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_ID)

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value):
        return clean_data(value)


def page(rows, paging: Paging, item: Callable | None = None) -> dict:
    """`{"count", "items"}` of one page of a queryset or list, items optionally turned into dicts."""
    count = rows.count() if isinstance(rows, models.QuerySet) else len(rows)
    chunk = rows[paging.offset : paging.offset + paging.limit]
    return {"count": count, "items": [item(row) for row in chunk] if item else list(chunk)}


# --- ids in the path and in bodies ------------------------------------------------------------


def _scoped(model: type[models.Model], city, queryset=None) -> models.QuerySet:
    rows = queryset if queryset is not None else model._default_manager.all()
    return rows.filter(**{model.city_path or "pk": city.pk})


def resolve(model: type[models.Model], pk, *, city, field: str | None = None, queryset=None):
    """The record `pk` of `model` in `city` (the model's `city_path` leads there).

    A record of another city, a deleted one and one that never existed are answered alike, with
    no name: 404 `not_found` for an id in the path, 400 `unknown_reference` for one in a body
    (`field` names it). `queryset` narrows further (e.g. to one masterplan) or adds joins.
    """
    found = None
    if isinstance(pk, int) and 0 < pk <= MAX_ID:
        found = _scoped(model, city, queryset).filter(pk=pk).first()
    if found is None:
        _missing(model, [pk], field)
    return found


def resolve_national(model: type[models.Model], pk, *, field: str | None = None, queryset=None):
    """The record `pk` of a national model (no city: a cohort, an evaluation year), answered like
    `resolve`: 404 `not_found` for an id in the path, 400 `unknown_reference` for one in a body."""
    found = None
    if isinstance(pk, int) and 0 < pk <= MAX_ID:
        rows = queryset if queryset is not None else model._default_manager.all()
        found = rows.filter(pk=pk).first()
    if found is None:
        _missing(model, [pk], field)
    return found


def resolve_many(model: type[models.Model], pks: Iterable, *, city, field: str, queryset=None) -> list:
    """The records `pks` of `model` in `city`, in the order given; any unknown id answers 400 `unknown_reference`."""
    pks = list(pks)
    valid = [pk for pk in pks if isinstance(pk, int) and 0 < pk <= MAX_ID]
    found = _scoped(model, city, queryset).in_bulk(valid) if valid else {}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        _missing(model, missing, field)
    return [found[pk] for pk in pks]


def _missing(model, pks: list, field: str | None):
    thing = model._meta.verbose_name
    ids = ", ".join(str(pk) for pk in pks)
    if field is None:
        raise Http404(_("No %(thing)s with id %(id)s here.") % {"thing": thing, "id": ids})
    raise ServiceError(CoreError.UNKNOWN_REFERENCE, _("No %(thing)s with id %(ids)s here.") % {"thing": thing, "ids": ids}, field=field)


def resolve_code(model: type[models.Model], code: str, *, field: str):
    """A national reference record by its code (dimension, element, status …); 400 `unknown_code` otherwise."""
    found = model._default_manager.filter(code=code).first() if isinstance(code, str) and len(code) <= 100 else None
    if found is None:
        raise ServiceError(
            CoreError.UNKNOWN_CODE,
            _("Unknown %(thing)s code “%(code)s”.") % {"thing": model._meta.verbose_name, "code": str(code)[:100]},
            field=field,
        )
    return found


def user_of(request):
    """The user an API call acts for (anonymous for public reads)."""
    return request.auth if request.auth is not None else AnonymousUser()


def anonymous(request):
    """Public reads: the permissions module decides what the public sees."""
    if request.headers.get("Authorization"):
        raise TokenError(CoreError.TOKEN_INVALID, _("Use the header 'Authorization: Bearer <token>'."))
    return AnonymousUser()


class TokenError(AuthenticationError):
    def __init__(self, code: ErrorCode, message: str | None = None):
        self.code = code
        self.message = str(message or code.description)
        super().__init__(message=self.message)


# --- the API itself ---------------------------------------------------------------------------


class Api(NinjaAPI):
    """NinjaAPI with this project's contract: `verb_noun` operation ids (the view's name), the
    error envelope for every failure, every declared error code in the OpenAPI document (a
    write's one transaction is `core.middleware.WriteTransactionMiddleware`'s)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _install_error_handlers(self)

    def create_response(self, request, data, *, status=None, temporal_response=None):
        """A single versioned record answers with its version as the `ETag` (`core.concurrency`)."""
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if isinstance(data, dict) and isinstance(data.get("version"), int) and response.status_code < 300:
            response["ETag"] = concurrency.etag(data["version"])
        return response

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        codes = declared_codes()
        schema["components"]["schemas"]["Error"]["properties"]["code"]["enum"] = sorted(codes)
        schema["x-error-codes"] = [
            {"code": code, "status": member.status, "description": str(member.description), "declared_in": member.__class__.__module__}
            for code, member in sorted(codes.items())
        ]
        return schema


def _error(api: NinjaAPI, request, status: int, code, message, errors: list | None = None):
    body = {"code": str(code), "message": str(message), "errors": errors or [], "request_id": getattr(request, "id", "")}
    return api.create_response(request, body, status=status)


def _schema_message(error: dict) -> str:
    """pydantic's message, but a text over its limit says so as the pages do (`core.text.too_long`)."""
    limit = (error.get("ctx") or {}).get("max_length")
    if error.get("type") == "string_too_long" and isinstance(limit, int) and isinstance(error.get("input"), str):
        return too_long(_field_path(error.get("loc", [])), limit, len(error["input"]))
    return error.get("msg", "")


def _field_path(location) -> str:
    """`weights.0.weight` from ninja's `("body", "payload", "weights", 0, "weight")`: the
    client's own field names, without the request part and the view's parameter name."""
    parts = [str(p) for p in location]
    source, parts = (parts[0], parts[1:]) if parts else ("", parts)
    if source == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        errors = [{"field": exc.field, "code": str(exc.code), "message": exc.message}] if exc.field else []
        return _error(api, request, exc.status, exc.code, exc.message, errors)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = []
        if hasattr(exc, "error_dict"):
            for field, field_errors in exc.error_dict.items():
                for err in field_errors:
                    errors.append({"field": field, "code": err.code or "invalid", "message": " ".join(err.messages)})
        else:
            for err in exc.error_list:
                errors.append({"field": "__all__", "code": err.code or "invalid", "message": " ".join(err.messages)})
        message = "; ".join(e["message"] if e["field"] == "__all__" else f"{e['field']}: {e['message']}" for e in errors)
        return _error(api, request, 400, CoreError.INVALID, message or CoreError.INVALID.description, errors)

    @api.exception_handler(NinjaValidationError)
    def schema_error(request, exc: NinjaValidationError):
        errors = [
            {"field": _field_path(e.get("loc", [])), "code": e.get("type", "invalid"), "message": _schema_message(e)} for e in exc.errors
        ]
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return _error(api, request, 422, CoreError.VALIDATION_ERROR, message or CoreError.VALIDATION_ERROR.description, errors)

    @api.exception_handler(AuthenticationError)
    def auth_error(request, exc: AuthenticationError):
        code = getattr(exc, "code", CoreError.NOT_AUTHENTICATED)
        return _error(api, request, 401, code, getattr(exc, "message", None) or code.description)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied):
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return _error(api, request, 401, CoreError.NOT_AUTHENTICATED, CoreError.NOT_AUTHENTICATED.description)
        return _error(api, request, 403, CoreError.FORBIDDEN, str(exc) or CoreError.FORBIDDEN.description)

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return _error(api, request, 404, CoreError.NOT_FOUND, str(exc) or CoreError.NOT_FOUND.description)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return _error(api, request, 413, CoreError.TOO_LARGE, CoreError.TOO_LARGE.description)

    @api.exception_handler(OperationalError)
    def busy(request, exc: OperationalError):
        # A lock wait that ran out (SQLite's "database is locked", PostgreSQL's lock_timeout) or a
        # lost connection: nothing was written; the client may try again.
        logger.warning("database unavailable: %s", exc)
        response = _error(api, request, 503, CoreError.BUSY, CoreError.BUSY.description)
        response["Retry-After"] = "2"
        return response

    @api.exception_handler(IntegrityError)
    def conflict(request, exc: IntegrityError):
        return _error(api, request, 409, CoreError.CONFLICT, CoreError.CONFLICT.description)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {
            401: CoreError.NOT_AUTHENTICATED,
            403: CoreError.FORBIDDEN,
            404: CoreError.NOT_FOUND,
            405: CoreError.METHOD_NOT_ALLOWED,
            409: CoreError.CONFLICT,
        }
        return _error(api, request, exc.status_code, codes.get(exc.status_code, CoreError.BAD_REQUEST), str(exc))
