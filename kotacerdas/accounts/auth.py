"""How the API knows who calls: a bearer token, else the browser session, else the public."""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from kotacerdas.accounts.models import ApiToken, hash_token
from kotacerdas.core.api import TokenError, anonymous
from kotacerdas.core.error_codes import CoreError

# A token's "last used" is written at most this often (a read with a token then writes nothing).
LAST_USED_PRECISION = timedelta(minutes=1)


class BearerToken(HttpBearer):
    """`Authorization: Bearer kc_…`, issued by `manage.py issue_token USERNAME`."""

    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None:
            raise TokenError(CoreError.TOKEN_INVALID)
        if found.revoked_at is not None:
            raise TokenError(CoreError.TOKEN_REVOKED)
        if found.expires_at is not None and found.expires_at <= timezone.now():
            raise TokenError(CoreError.TOKEN_EXPIRED)
        if not found.user.is_active:
            raise TokenError(CoreError.USER_INACTIVE)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:  # not a write per request
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class BrowserSession(SessionAuth):
    """A signed-in browser session, CSRF-checked. Without a signed-in session the check is
    skipped: the caller is the public, and a write answers 401 (not a CSRF 403)."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Bearer token, else a signed-in browser session, else the public.
AUTH = [BearerToken(), BrowserSession(), anonymous]
