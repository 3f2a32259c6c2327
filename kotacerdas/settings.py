"""Kota Cerdas settings: one file, read from the environment.

Zero configuration starts on SQLite; DATABASE_URL=postgresql://user@host:port/name
switches to PostgreSQL.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL into a Django DATABASES entry (sqlite:/// or postgresql://)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path[1:]) or ":memory:",
            # Concurrent writers wait for each other instead of failing: WAL lets readers read
            # during a write, IMMEDIATE takes the write lock at BEGIN, `timeout` waits for it.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
                "transaction_mode": "IMMEDIATE",
                "timeout": envint("SQLITE_TIMEOUT", "20"),
            },
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            # A connection stays open for the next requests of the same worker (opening one costs
            # the database a new backend process per request); checked before reuse after an error.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "60"),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"Unsupported DATABASE_URL scheme: {parsed.scheme}")


DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}


# The development key is public: `manage.py check --deploy` (run by `make serve`) refuses it.
DEVELOPMENT_SECRET_KEY = "django-insecure-kota-cerdas-development-key-never-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Off unless asked for: `make run` (the embedded demo) sets DEBUG=1.
DEBUG = envbool("DEBUG", "False")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Behind a TLS-terminating proxy (nginx, a load balancer): HTTPS only, secure cookies, HSTS.
# deploy/README.md shows the production environment; `check --deploy` is clean with it.
if envbool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): every script, stylesheet, image, font and request comes from
# this server; no inline <script>, no event-handler attributes, no eval (page behaviour lives in
# each app's static/<app>/*.js, data reaches it through data-* attributes and json_script).
# style-src needs no 'unsafe-inline' either: the templates use no <style> nor style="…" (dynamic
# values go through data-* attributes), htmx's injected indicator <style> is switched off (meta
# htmx-config in base.html), and Bootstrap, Chart.js, Leaflet and Swagger UI set styles through
# the CSSOM, which CSP does not restrict. data: images are Bootstrap's icons (select arrow, menu
# toggler). The API docs (django-ninja's Swagger UI) need no exemption: their settings are a JSON
# block and their start-up script a static file. site/tests/test_csp.py, e2e/test_csp.py check it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    # Kota Cerdas apps, from the reference data up to the plan.
    "kotacerdas.core",
    "kotacerdas.regions",
    "kotacerdas.framework",
    "kotacerdas.cities",
    "kotacerdas.accounts",
    "kotacerdas.jobs",
    "kotacerdas.masterplan",
    "kotacerdas.bimtek",
    "kotacerdas.programmes",
    "kotacerdas.readiness",
    "kotacerdas.governance",
    "kotacerdas.alignment",
    "kotacerdas.monitoring",
    "kotacerdas.evaluation",
    "kotacerdas.books",
    # The site around them: home, about, layout, demo loading.
    "kotacerdas.site",
]

MIDDLEWARE = [
    "kotacerdas.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kotacerdas.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kotacerdas.core.middleware.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Answers a locked-out sign-in (django-axes) outside the request's transaction, so that the
    # failed attempt it counted is kept although the answer is a 429.
    "axes.middleware.AxesMiddleware",
    "kotacerdas.core.middleware.WriteTransactionMiddleware",
    "kotacerdas.core.middleware.DatabaseBusyMiddleware",
    "kotacerdas.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kotacerdas.site.middleware.GuidanceMiddleware",
]

ROOT_URLCONF = "kotacerdas.urls"
WSGI_APPLICATION = "kotacerdas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotacerdas.site.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair waits AXES_COOLOFF_TIME (hours) — the right password included.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS: list = []  # every app ships its own locale/ folder
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": os.environ.get("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Evidence files (data dukung): PDF, images, Office documents, CSV/text, checked by their content.
# They live outside MEDIA_ROOT, under generated names, and are served only by a view that checks
# the reader may see the programme (kotacerdas/core/storage.py, kotacerdas/programmes/files.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
EVIDENCE_MAX_BYTES = envint("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))
# Production offload: "X-Accel-Redirect" (nginx) or "X-Sendfile" (Apache); empty streams from Django.
# The header carries EVIDENCE_SENDFILE_ROOT + the stored name (e.g. "/private/" for an nginx
# `internal` location), or the file's absolute path when EVIDENCE_SENDFILE_ROOT is empty.
EVIDENCE_SENDFILE_HEADER = os.environ.get("EVIDENCE_SENDFILE_HEADER", "")
EVIDENCE_SENDFILE_ROOT = os.environ.get("EVIDENCE_SENDFILE_ROOT", "")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# One page of any long list.
PAGE_SIZE = envint("PAGE_SIZE", "25")
# Forms render with the one pair of field/form templates in core (Bootstrap 5).
FORM_RENDERER = "kotacerdas.core.forms.Renderer"

NINJA_PAGINATION_PER_PAGE = PAGE_SIZE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kotacerdas.core.middleware.RequestIdFilter"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- background jobs (kotacerdas/jobs) ------------------------------------------------------------
# With a broker (Redis), jobs run on Celery workers (`make worker`); without one (the `make run`
# default) they run in the web process, in a thread started once the request's transaction has
# committed, so the page answers at once either way. JOBS_RUNNER overrides the choice:
# "celery", "thread", or "sync" (at once, in the caller: tests and management commands).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = None  # a job's state lives in its Job row, not in a result backend
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "kotacerdas")
JOBS_RUNNER = os.environ.get("JOBS_RUNNER", "celery" if CELERY_BROKER_URL else "thread")
# A job in a thread of the web process writes a heartbeat this often; one silent for
# JOBS_LOST_AFTER_SECONDS (its process stopped) is marked failed when the server starts or someone looks at it.
JOBS_HEARTBEAT_SECONDS = envint("JOBS_HEARTBEAT_SECONDS", "15")
JOBS_LOST_AFTER_SECONDS = envint("JOBS_LOST_AFTER_SECONDS", "120")
# A job's progress also goes to the cache, so that it shows while the job's transaction is open.
# Redis when CACHE_URL (or a Redis broker) is configured; otherwise memory of the one process.
CACHE_URL = os.environ.get("CACHE_URL", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "kotacerdas"}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Spreadsheet imports: read streaming (openpyxl read-only), refused beyond these limits.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "5000")
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", "50")
# What a workbook's parts other than its sheets (shared text table, styles) may unpack to: they are read whole.
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024))

# Longest text a form or API body accepts in a field with no length of its own (a TextField).
TEXT_MAX_LENGTH = envint("TEXT_MAX_LENGTH", "10000")
# A PATCH must send the record's version in If-Match (428 otherwise) once API clients do (core.concurrency).
API_REQUIRE_IF_MATCH = envbool("API_REQUIRE_IF_MATCH", "False")
# What an anonymous visitor reads (pages, API without a token) is served from the cache for this many
# seconds (core.middleware.PublicCacheMiddleware); 0 renders every request. Off in the development server (`make run`).
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", "0" if DEBUG else "10")

# --- optional error reporting ---------------------------------------------------------------------
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,  # no user names, addresses or cookies leave the server
    )
