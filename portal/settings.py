"""Settings of the IKM/UMKM portal, read from the environment (see .env.example).

A `.env` file in the project folder is read first when it exists; variables already set in
the environment win over it. With DEBUG off the portal refuses to start without a real
SECRET_KEY and an explicit DATABASE_URL, so a production server never runs on defaults.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_or_default(name: str, default: str) -> str:
    """The variable's value, or the default when it is unset or left empty in .env."""
    return os.environ.get(name) or default


DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

if not DEBUG and not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The city this installation serves; shown in page titles, reports and the demo data.
CITY_NAME = env_or_default("CITY_NAME", "Kota Palu")
CITY_CODE = env_or_default("CITY_CODE", "72.71")
DINAS_NAME = env_or_default("DINAS_NAME", "Dinas Koperasi dan UMKM Kota Palu")
# The letterhead of official PDF reports (templates/reports/base.html).
DINAS_ADDRESS = env_or_default(
    "DINAS_ADDRESS", "Jalan Balai Kota Selatan No. 1, Tanamodindi, Mantikulore, Palu 94111"
)
DINAS_CONTACT = env_or_default("DINAS_CONTACT", "Telepon (0451) 421000 · dinaskukm@palukota.go.id")
# A path under the static files, e.g. "portal/logo-dinas.svg" or "img/lambang-kota.png".
DINAS_LOGO = env_or_default("DINAS_LOGO", "portal/logo-dinas.svg")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "portal",
    "kelurahan",
    "ikm",
    "financing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "portal.context_processors.city",
                "portal.context_processors.workspace",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"


def without_jit(config: dict) -> dict:
    """A PostgreSQL connection's settings with the server's JIT compiler off.

    The dashboard's and the report's queries over a province are estimated costly enough to
    be compiled, and compiling took 0.75 s of a 2.5 s query (EXPLAIN ANALYZE, aid at risk
    of 100,000 groups) that it made no faster: a web page's queries are too short to repay it.
    """
    if config.get("ENGINE") == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


DATABASES = {
    "default": without_jit(
        env.db_url_config(env_or_default("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection kept open across requests is checked before use, so that a restarted
# database server costs one failed check instead of failed requests.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# More than one web process or machine (docs/scaling-out.md): nothing a request leaves behind
# may live in one process's memory or on one machine's disk, where the next request, served
# by another worker, would not find it. Sessions are rows in the database; the cache is the
# database table portal_cache (created by migration portal/0008) unless CACHE_URL names
# Redis; photos and thumbnails go through Django's storage API (STORAGES below).
def shared_cache_config(url: str) -> dict:
    """The CACHES entry for CACHE_URL; a cache that other processes cannot see is refused."""
    scheme = url.partition("://")[0]
    if scheme == "dbcache":
        # Django's database cache with a write that does not count the table each time.
        config = env.cache_url_config(url)
        config["BACKEND"] = "portal.cache_backend.SharedDatabaseCache"
        # Django's default of 300 rows would cull kept pages (and with them the data
        # versions, see portal/caching.py) long before a city's pages are all kept.
        config.setdefault("OPTIONS", {}).setdefault(
            "MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=100_000)
        )
        return config
    if scheme in ("redis", "rediss"):
        # Django's own client, also when django-redis happens to be installed.
        return env.cache_url_config(url, backend="django.core.cache.backends.redis.RedisCache")
    raise ImproperlyConfigured(
        f"CACHE_URL must be dbcache://<table> or redis://<host>:<port>/<db>, not {scheme}://…: "
        "a cache in one process's memory or on one machine's disk is not shared."
    )


# Not kept as settings of their own: the URLs may hold passwords, which the debug page shows.
CACHES = {"default": shared_cache_config(env_or_default("CACHE_URL", "dbcache://portal_cache"))}
# Sessions are rows of django_session, read through the shared cache: a logged-in page then
# costs one cache read instead of a query and a signature check (Kelompok saya 3.0 -> 1.7 ms).
# A log-out or an expired session removes both; a culled cache entry is read from its row.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Optional PostgreSQL read replica for the anonymous public pages (portal/db_routers.py).
if replica_url := env_or_default("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = {
        **without_jit(env.db_url_config(replica_url)),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # Tests read the replica through a second connection to the test database.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.db_routers.PublicPagesReplicaRouter"]
    # How far the replica may lag behind: a public page read from it sooner than this after
    # a change is served but not kept, since it may not show the change yet.
    DATABASE_REPLICA_MAX_LAG = env.int("DATABASE_REPLICA_MAX_LAG", default=10)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "portal.db_routers.PublicPagesOnReplicaMiddleware",
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a log-in while the account or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After 5 failed log-ins the user name, and separately the address, is locked for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Every failed log-in is kept (AccessFailureLog), as is every log-in and log-out (AccessLog).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"
# The client's address is REMOTE_ADDR, which a client cannot forge. Behind reverse proxies,
# set AXES_PROXY_COUNT to their number so that the address comes from X-Forwarded-For
# instead and one proxy's address is not locked for everybody.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("Inggris"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_or_default("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
# Day first, as Indonesians write dates; used wherever no locale format applies (imports).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_or_default("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Uploaded photos larger than this are refused (phones take 3-8 MB photos); the stored copy
# is re-encoded and much smaller (portal/uploads.py).
MAX_PHOTO_BYTES = env.int("MAX_PHOTO_BYTES", default=12 * 1024 * 1024)
MEDIA_ROOT = Path(env_or_default("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Imports run inside a transaction: a file with one bad row saves nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

SIMPLE_HISTORY_REVERT_DISABLED = True

# Behind a TLS-terminating proxy in production; all of it is plain settings, so that
# `manage.py check --deploy` stays clean with DEBUG off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_EXEMPT = [r"^healthz$"]

# Scripts only from the portal's own static files: no inline script, no CDN, no eval. Inline
# style attributes stay allowed (the SVG charts use them); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Features a page could ask the browser for; the portal needs none of them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
