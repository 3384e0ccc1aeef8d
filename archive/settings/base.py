"""Settings shared by every environment; each value that differs comes from the environment."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a `1`/`0` (or true/false) switch from the environment."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated list from the environment."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # Django's admin with the archive's site (history/admin.py: the index's order).
    "history.apps.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "archive",
    "history",
    "conferences",
    "speakers",
    "stats",
    "search",
    "exports",
    "api",
]

MIDDLEWARE = [
    # The client's address from the trusted proxy (archive/proxies.py), before anything
    # reads it or the X-Forwarded-* headers.
    "archive.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The reader's language (archive/locale.py), first: every message after it, the
    # request limits' and the outage page's too, is in that language, and the page cache
    # keys on it.
    "archive.locale.LanguageMiddleware",
    # A 4xx for malformed requests (huge or invalid query strings) before any work.
    "archive.middleware.RequestLimitsMiddleware",
    # A 503 (HTML, or JSON under /api/) while the database is unreachable.
    "archive.middleware.DatabaseUnavailableMiddleware",
    # Anonymous reads from the cache, before sessions, CSRF and auth cost anything.
    "archive.middleware.ArchiveCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every GET response, and 304 when the client already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

# The proxies in front of the app (load balancer, TLS terminator): addresses or networks,
# comma-separated. Only their X-Forwarded-For is believed; none by default, so REMOTE_ADDR
# is the client. gunicorn.conf.py reads the same variable (forwarded_allow_ips).
ARCHIVE_TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "")
for _proxy in ARCHIVE_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network "
            "(e.g. 10.0.0.5 or 10.0.0.0/24)."
        ) from None

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database
# (postgres://postgres@127.0.0.1:5432/ncb_archive in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Reads of anonymous GET requests go to a replica when DATABASE_REPLICA_URL names one
# (archive/db_router.py); writes, admin and API writes always use the primary. For this
# long after an edit, reads go to the primary too (keep replication lag below it).
ARCHIVE_REPLICA_MAX_LAG_SECONDS = int(
    os.environ.get("DJANGO_REPLICA_MAX_LAG_SECONDS", "10")
)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # The test runner does not create a second test database: it reads the first.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["archive.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("archive.middleware.ArchiveCacheMiddleware") + 1,
        "archive.db_router.ReplicaReadsMiddleware",
    )

# Search (search/query.py): when nothing matches, PostgreSQL offers the names whose
# pg_trgm word similarity to the query's words reaches this. Each PostgreSQL connection
# sets it as pg_trgm.word_similarity_threshold, so that the trigram index on the entries'
# names finds them (the `<%` operator compares with that setting).
SEARCH_NEAREST_SIMILARITY = 0.5


# PostgreSQL plans each query again on every request unless the query is prepared: the
# pages' and the API's reads are few but large (an edition with its related lists as JSON
# columns), and planning them cost more than running them (about 1 ms of a 3 ms request).
# With server-side binding and a `prepare_threshold` (Django leaves it off), psycopg
# prepares a query on a connection once it has run it that many times, and the persistent
# connections (DJANGO_CONN_MAX_AGE) keep the plans. `DJANGO_DB_PREPARED_STATEMENTS=0`
# turns this off, e.g. behind a PgBouncer in transaction mode.
DATABASE_PREPARED_STATEMENTS = env_bool("DJANGO_DB_PREPARED_STATEMENTS", default=True)
# psycopg's own default: a query run once (an archivist's edit) is not worth preparing.
DATABASE_PREPARE_THRESHOLD = 5


def postgresql_options(database: dict, prepared_statements: bool) -> None:
    """Complete a PostgreSQL database's settings (other databases are left as they
    are): Django's backend with a health check that polls the connection's socket
    rather than asking the server (archive/postgresql/base.py), and its OPTIONS."""
    if database["ENGINE"] in ("django.db.backends.postgresql", "archive.postgresql"):
        database["ENGINE"] = "archive.postgresql"
        options = database.setdefault("OPTIONS", {})
        threshold = f"-c pg_trgm.word_similarity_threshold={SEARCH_NEAREST_SIMILARITY}"
        options["options"] = f"{options.get('options', '')} {threshold}".strip()
        if prepared_statements:
            options["server_side_binding"] = True
            options["prepare_threshold"] = DATABASE_PREPARE_THRESHOLD


for _database in DATABASES.values():
    postgresql_options(_database, DATABASE_PREPARED_STATEMENTS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed admin logins (archive/lockout.py): five failures from one client address, whatever
# the usernames, lock that address; five failures for one username, from any addresses,
# lock that username, except from an address it has signed in from before (so a stranger
# cannot lock an archivist out at their desk). A lock lasts DJANGO_AXES_COOLOFF_MINUTES
# from the failure that set it: tries during the lock do not extend it.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_HANDLER = "archive.lockout.ArchiveLockoutHandler"
AXES_LOCKOUT_CALLABLE = "archive.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "archive.proxies.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# INTERPOL's four working languages. English stays at the unprefixed addresses; the others
# under /fr/, /es/ and /ar/ (archive/urls.py). The API, the admin and the machine files
# are the same in every language (ARCHIVE_LANGUAGE_NEUTRAL_PATHS, archive/locale.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them (archive/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["archive.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Addresses without a language prefix whose answers do not depend on the language, or not
# on the reader's: the API (its error messages follow Accept-Language), the admin (in
# English, the language of the records), health checks, the sitemap, robots.txt.
ARCHIVE_LANGUAGE_NEUTRAL_PATHS = (
    "/api/",
    "/admin/",
    "/static/",
    "/healthz",
    "/readyz",
    "/sitemap.xml",
    "/robots.txt",
)
# Those whose messages follow the reader's Accept-Language (the others are in English).
ARCHIVE_LANGUAGE_NEGOTIATED_PATHS = ("/api/",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# The project's own static files, once there are any (a missing folder is a check warning).
STATICFILES_DIRS = [path for path in [BASE_DIR / "static"] if path.is_dir()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
ARCHIVE_FIXTURES_DIR = BASE_DIR / "fixtures"

# The JSON API (the api app holds the pieces named here).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "api.schema.ArchiveAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "api.permissions.IsStaffWithModelPermissionsOrReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.IndexSearchFilter",
        "api.filters.NullsLastOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ArchivePagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.renderers.StrictFormatNegotiation",
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    # Per client address (anonymous) or account; `off` lifts a limit (load tests).
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonThrottle",
        "api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("DJANGO_API_THROTTLE_USER", "600/min"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    # Throttles identify anonymous clients by REMOTE_ADDR, which TrustedProxyMiddleware
    # sets from the trusted proxy (archive/proxies.py); never by a client's header.
    "NUM_PROXIES": 0,
    "COERCE_DECIMAL_TO_STRING": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NCB Conference Archive API",
    # In the client's language (Accept-Language), like the API's error messages.
    "DESCRIPTION": gettext_lazy(
        "The reference archive of INTERPOL's annual Heads of National Central "
        "Bureaus Conference: editions, people, quotes, topics and source reports, "
        "each fact with its source excerpt. Anyone may read; staff accounts with "
        "the model's permission may write (token or session with CSRF). Lists are "
        "paginated and also come as CSV (`?format=csv`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Bodies accepted by writes (slugs) and answers (nested objects) are separate.
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags and operation ids by resource: "conferences", not "v1".
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "TopicKindEnum": "conferences.models.Topic.Kind",
        "QuoteKindEnum": "speakers.models.Quote.Kind",
        "OfficeKindEnum": "speakers.models.Office.Kind",
        "CitedFieldEnum": "conferences.models.Citation.Field",
        "KeyFigureQualifierEnum": "conferences.models.KeyFigure.Qualifier",
        "SourceKindEnum": "conferences.models.SourceReport.Kind",
        "SourceTextKindEnum": "conferences.models.SourceReport.TextKind",
        "TermDatePrecisionEnum": "speakers.models.Tenure.Precision",
        "TopicMentionEnum": "conferences.models.ConferenceTopic.Mention",
    },
}

# The cache: Redis, shared by every worker and machine, when REDIS_URL is set; otherwise
# each worker's own memory. Pages and API reads live in "default"; the archive's
# generation number (bumped by every edit, archive/cache.py) must be seen by every worker,
# so without Redis it lives in a folder the workers of one machine share.
if os.environ.get("REDIS_URL"):
    # While Redis is away (archive/cache_backends.py): pages are served uncached, the
    # API throttles count in each worker's memory, and the generation's truth stays in
    # the database (archive/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "archive.cache_backends.RedisOrLocalMemoryCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "ncb"),
        },
        "generation": {
            "BACKEND": "archive.cache_backends.RedisCacheOrError",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "ncb"),
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_GENERATION_DIR", str(BASE_DIR / ".cache" / "generation")
            ),
        },
    }

# The archive's page and API cache (archive/middleware.py): on, for how long an entry
# lives (an edit makes it unreachable at once, whatever this says), and what it skips.
ARCHIVE_PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)
ARCHIVE_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600"))
ARCHIVE_PAGE_CACHE_SKIP = ("/admin/", "/static/", "/healthz", "/readyz")
# The apps whose rows the pages show: any write to their tables starts a new generation.
ARCHIVE_CACHE_APPS = ("conferences", "speakers")
# The generation's copy in the cache is read again from the database this often, so a
# worker that never noticed a cache outage still catches up with writes made during it.
ARCHIVE_GENERATION_RECHECK_SECONDS = int(
    os.environ.get("DJANGO_GENERATION_RECHECK_SECONDS", "30")
)
# Query parameters no view reads (tracking): dropped before the view and the cache key,
# so ?utm_source=… shares the entry of the bare URL (shell-style patterns, lower case).
ARCHIVE_CACHE_IGNORED_PARAMETERS = (
    "utm_*",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
)
# Rendered again after every edit, before the new generation is published
# (archive/warming.py): the most-read pages, and the edited editions' own.
ARCHIVE_CACHE_WARM_PATHS = ("/", "/editions/", "/api/v1/conferences/")
ARCHIVE_CACHE_WARM_EDITION_PATHS = (
    "/editions/{edition}/",
    "/api/v1/conferences/{edition}/",
)
# The Accept headers a warmed API response is also stored for ("" = none sent).
ARCHIVE_CACHE_WARM_ACCEPT = ("*/*", "application/json")

# Malformed requests get a 4xx (archive/middleware.py RequestLimitsMiddleware).
ARCHIVE_MAX_QUERY_STRING = 2048
ARCHIVE_PAGE_SIZE_PARAMETERS = ("page_size", "limit")
ARCHIVE_MAX_PAGE_SIZE = 1000

# drf-spectacular's Swagger UI page (/api/docs/) has one small inline <style>: allow
# exactly that one by its hash (archive/tests/test_security.py checks it still matches).
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

# Security headers. Content-Security-Policy: everything from our own origin, nothing
# inline (no page may need an inline script or style), no plugins, no framing.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", SWAGGER_UI_STYLE_HASH],
    # Swagger UI's and Redoc's stylesheets draw icons as data: images; Redoc runs a
    # worker from a blob: URL.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A request body holds a pasted report up to the importer's limit (1,000,000 characters of
# at most 4 bytes each), so an over-long one gets the import form's "too long" message,
# not a bare 400 (Django's default, 2.5 MiB, refuses a report of 3-byte characters).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Every message once, through the root's handler. Django's default configuration gives
# "django" a console handler of its own as well, so with DEBUG on each of its lines
# (a 404's "Not Found", runserver's start) printed twice; "django" gets none here, and
# runserver's request lines keep Django's own handler and format ("django.server").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "null": {"class": "logging.NullHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
        # Requests for unknown hosts (scanners) get a 400; a traceback each is noise.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
