import contextvars
import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger("kotacerdas.refused")

# The id of the request being served, for log records (RequestIdFilter) and error answers.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Every request gets an id: the proxy's `X-Request-ID` when it sends a sane one, else a new one.
    It is answered in `X-Request-ID`, stamped on every log line and put in API error answers, so a
    person reporting an error and the logs point at the same request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _GIVEN_ID.match(given) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class LanguageMiddleware(LocaleMiddleware):
    """Pages speak Indonesian unless the visitor chose English with the ID/EN switch.

    Browsers in Indonesia often send an English Accept-Language, so pages ignore it; API
    clients may still ask for their language with Accept-Language.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language


class WriteTransactionMiddleware:
    """One transaction per write request (POST, PUT, PATCH, DELETE): an answer of 400 or more
    (a refusal, an error) rolls back everything the request wrote, whatever services it called."""

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True)
                user = getattr(request, "user", None)
                logger.warning(
                    "refused write: %s %s by %s answered %s (request %s)",
                    request.method,
                    request.path,
                    getattr(user, "username", "") or "anonymous",
                    response.status_code,
                    getattr(request, "id", "-"),
                )
        return response


class DatabaseBusyMiddleware:
    """A page whose database stayed locked answers 503 "try again" instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError):
            # Rendered without the request: the failed transaction cannot serve the navigation's queries.
            response = HttpResponse(render_to_string("503.html"), status=503)
            response["Retry-After"] = "2"
            return response
        return None


class RejectNulMiddleware:
    """A NUL character in the path or the query string names nothing and no database column can
    hold it (PostgreSQL refuses it): answer 400 before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in "".join(request.GET.keys()) + "".join(request.GET.values()):
            message = _("The address contains a NUL character.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "bad_request", "message": message, "errors": []}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class PublicCacheMiddleware:
    """Serves what an anonymous visitor reads (the public portal's pages, the open API) from the
    cache for `PUBLIC_CACHE_SECONDS`, so that a crowd of citizens or a harvester does not render the
    same answer again and again. Off when the setting is 0.

    Only a GET (not an htmx part) from a visitor without a token, a session or a message waiting (no
    cookie but the language choice and the CSRF token) is looked up, per host, language (the
    switch's cookie for pages, Accept-Language for the API) and full path. Only a plain 200 is kept:
    one that sets a cookie (a CSRF token was rendered, a message left, a session started) or says
    private / no-store / no-cache is rendered afresh every time. Its `Vary: Cookie` (the session was
    read to learn the visitor is anonymous) is no obstacle: without a session cookie the answer is
    the same for every such visitor. A visitor may read data that many seconds old; a signed-in
    user or a client with a token always reads the database. An answer over `LARGEST` bytes (a
    book, a download) is not kept, so that the cache holds pages, not files.
    """

    KEPT_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    LARGEST = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if seconds <= 0 or not self._anonymous_read(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._storable(response):
            cache.set(key, response, seconds)
        return response

    def _anonymous_read(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and "Authorization" not in request.headers
            and "HX-Request" not in request.headers
            and set(request.COOKIES) <= self.KEPT_COOKIES
        )

    def _key(self, request) -> str:
        if request.path.startswith("/api/"):
            language = request.headers.get("Accept-Language", "")
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        path = hashlib.sha256(f"{request.get_host()}|{language}|{request.get_full_path()}".encode()).hexdigest()
        return f"public-read:{path}"

    @staticmethod
    def _storable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and len(response.content) <= PublicCacheMiddleware.LARGEST
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
