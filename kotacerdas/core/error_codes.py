"""Error codes every part of the API can answer (the kernel's own)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class CoreError(ErrorCode):
    INVALID = "invalid", 400, _("The data is not valid: see `errors` for each field.")
    BAD_REQUEST = "bad_request", 400, _("The request is not valid.")
    UNKNOWN_REFERENCE = "unknown_reference", 400, _("An id in the request names no record here.")
    UNKNOWN_CODE = "unknown_code", 400, _("A code in the request names no reference record.")
    NOT_AUTHENTICATED = "not_authenticated", 401, _("Sign in or send an API token to do this.")
    TOKEN_INVALID = "token_invalid", 401, _("The API token is not valid.")
    TOKEN_REVOKED = "token_revoked", 401, _("The API token has been revoked.")
    TOKEN_EXPIRED = "token_expired", 401, _("The API token has expired: ask for a new one.")
    USER_INACTIVE = "user_inactive", 401, _("The account of this API token is deactivated.")
    FORBIDDEN = "forbidden", 403, _("You may not do this.")
    NOT_FOUND = "not_found", 404, _("Not found.")
    METHOD_NOT_ALLOWED = "method_not_allowed", 405, _("This method is not allowed here.")
    CONFLICT = "conflict", 409, _("This conflicts with existing data (a duplicate or a record still in use).")
    STILL_LINKED = "still_linked", 409, _("The record cannot be deleted: other records still use it.")
    TOO_LARGE = "too_large", 413, _("The request body is larger than the server accepts.")
    BUSY = "busy", 503, _("The database is busy; nothing was changed. Please try again in a moment.")
    VALIDATION_ERROR = "validation_error", 422, _("The request does not match the documented schema: see `errors`.")
    UNKNOWN_MODEL = "unknown_model", 400, _("This is not a record type (use app_label.modelname).")
    # Problems every app meets, spelt once: the field named in `errors` says where.
    REQUIRED = "required", 400, _("A required value is missing.")
    TOO_LONG = "too_long", 400, _("A value is longer than allowed.")
    OUT_OF_RANGE = "out_of_range", 400, _("A value is outside the allowed range.")
    RANGE_REVERSED = "range_reversed", 400, _("The end comes before the start.")
    DATE_IN_FUTURE = "date_in_future", 400, _("The date lies in the future.")
    REVISION_BEFORE_ORIGINAL = "revision_before_original", 400, _("A revision or amendment cannot be dated before what it revises.")
    NOT_EDITABLE = "not_editable", 400, _("This field cannot be changed here.")
    DUPLICATE = "duplicate", 409, _("A record with the same values already exists.")
    VERSION_CONFLICT = (
        "version_conflict",
        412,
        _("The record was changed by someone else since you read it: read it again (its ETag) and resend."),
    )
    VERSION_REQUIRED = "version_required", 428, _("Send the record's version in `If-Match` (its ETag) to change it.")
    FILE_INVALID = "file_invalid", 400, _("The file is empty, too large, or not of an allowed type.")
