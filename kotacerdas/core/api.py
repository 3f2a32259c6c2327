"""API plumbing: authentication, the error envelope and its stable codes."""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from kotacerdas.core.errors import ServiceError


class FieldError(Schema):
    field: str
    code: str
    message: str


class Error(Schema):
    """Every 4xx answer: a stable `code`, a translated `message`, and field errors if any."""

    code: str
    message: str
    errors: list[FieldError] = []


ERROR_RESPONSES = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class TokenError(AuthenticationError):
    def __init__(self, code: str, message: str):
        super().__init__(message=message)
        self.code = code
        self.message = message


class BearerToken(HttpBearer):
    """`Authorization: Bearer kc_…`, issued by `manage.py issue_token USERNAME`."""

    def authenticate(self, request, token):
        from kotacerdas.accounts.models import ApiToken, hash_token

        found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None:
            raise TokenError("token_invalid", _("The API token is not valid."))
        if found.revoked_at is not None:
            raise TokenError("token_revoked", _("The API token has been revoked."))
        if not found.user.is_active:
            raise TokenError("user_inactive", _("The account of this API token is deactivated."))
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


def anonymous(request):
    """Public reads: the permissions module decides what the public sees."""
    if request.headers.get("Authorization"):
        raise TokenError("token_invalid", _("Use the header 'Authorization: Bearer <token>'."))
    return AnonymousUser()


# Bearer token, else a signed-in browser session (CSRF-checked), else the public.
AUTH = [BearerToken(), django_auth, anonymous]


def _error(api: NinjaAPI, request, status: int, code: str, message: str, errors: list | None = None):
    return api.create_response(request, {"code": code, "message": str(message), "errors": errors or []}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        errors = [{"field": exc.field, "code": exc.code, "message": exc.message}] if exc.field else []
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
        return _error(api, request, 400, "invalid", message or _("The data is not valid."), errors)

    @api.exception_handler(NinjaValidationError)
    def schema_error(request, exc: NinjaValidationError):
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", [])[1:]) or "__all__", "code": e.get("type", "invalid"), "message": e.get("msg", "")}
            for e in exc.errors
        ]
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return _error(api, request, 422, "validation_error", message or _("The request is not valid."), errors)

    @api.exception_handler(AuthenticationError)
    def auth_error(request, exc: AuthenticationError):
        code = getattr(exc, "code", "not_authenticated")
        message = getattr(exc, "message", None) or _("Authentication is required.")
        return _error(api, request, 401, code, message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied):
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return _error(api, request, 401, "not_authenticated", _("Sign in or send an API token to do this."))
        return _error(api, request, 403, "forbidden", str(exc) or _("You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return _error(api, request, 404, "not_found", str(exc) or _("Not found."))

    @api.exception_handler(IntegrityError)
    def conflict(request, exc: IntegrityError):
        return _error(api, request, 409, "conflict", _("This conflicts with existing data (a duplicate or a record still in use)."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 409: "conflict"}
        return _error(api, request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


def user_of(request):
    """The user an API call acts for (anonymous for public reads)."""
    return request.auth if request.auth is not None else AnonymousUser()
