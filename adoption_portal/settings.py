"""Settings for the adoption portal, read from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# In production a missing SECRET_KEY stops the portal at start-up (ImproperlyConfigured).
SECRET_KEY = (
    env("SECRET_KEY", default="insecure-development-key-change-me") if DEBUG else env("SECRET_KEY")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "agencies.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "agencies",
    "journeys",
    "panels",
    "support",
    "recruitment",
    "finance",
    "indicators",
    "home",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.NoStoreMiddleware",
    "agencies.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "adoption_portal.urls"
WSGI_APPLICATION = "adoption_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agencies.context_processors.staff_role",
                "home.navigation.navigation",
            ],
            "libraries": {"govuk": "core.templatetags.govuk"},
        },
    },
]

FORM_RENDERER = "core.forms.GovukFormRenderer"

# DATABASE_URL unset means SQLite in the project folder (the embedded default for `make run`).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The indicator queries' cost estimates (correlated subqueries) trip PostgreSQL's JIT,
    # which then spends ~0.4 s compiling a query that runs in 40 ms; and their per-LA sorts for
    # distinct counts spill to disk under the default 4 MB work_mem (docs/performance.md).
    work_mem = env("PG_WORK_MEM", default="64MB")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit=off -c work_mem={work_mem}"
else:
    # SQLite (the embedded default for `make run`) cannot make a reference value's "one per
    # indicator, kind, period and LA, the national one included" constraint; PostgreSQL, which
    # production and `make test` use, does.
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "agencies.sign_in.AddressLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failed sign-ins, lock the account (from wherever the attempts came) and
# the browser that made them (address and user agent, so that colleagues behind the same council
# proxy are not locked out with it) for AXES_COOLOFF_MINUTES (docs/adr/0002-pages.md).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
# Password spraying (many usernames, a new user agent each time) locks the address
# (agencies/sign_in.py).
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor sign-in (TOTP, django-otp): any user may turn it on; these roles must
# (agencies/two_factor.py).
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=["raa_manager"])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Adoption portal")
# API tokens expire (agencies/tokens.py): two-factor roles' tokens after hours, others' after days.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)
API_TOKEN_TWO_FACTOR_HOURS = env.int("API_TOKEN_TWO_FACTOR_HOURS", default=12)

# NCSC guidance: long passwords, checked against common ones, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# GOV.UK Frontend and plotly.js's basic bundle (scatter, bar, pie: the charts the dashboard
# draws, a quarter of the full build's size) come from npm (package.json, `make install`).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("plotly", BASE_DIR / "node_modules" / "plotly.js-basic-dist-min"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request is answered 401 with WWW-Authenticate.
        "agencies.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api_policies.Pagination",
    "DEFAULT_SCHEMA_CLASS": "core.api_support.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["core.api_policies.TokenClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env("API_TOKEN_RATE", default="1200/minute")},
    "EXCEPTION_HANDLER": "core.api_support.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Adoption portal API",
    "DESCRIPTION": (
        "Records of children's adoption journeys, adopters, panels and adoption support, and the "
        "national adoption indicators computed from them. Every child-level read is scoped to "
        "the caller's role and LA, and audited."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JourneyEarlyPermanence": "journeys.models.EarlyPermanence",
        "AdopterSourceEnum": "journeys.models.AdopterSource",
        "EthnicityEnum": "journeys.models.ETHNICITY_CHOICES",
    },
}

# Celery: with no broker configured every task runs inline, so the portal needs nothing but Python.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
# How long a request for a board file waits for it before showing the board files page instead.
BOARD_FILE_WAIT_SECONDS = env.float("BOARD_FILE_WAIT_SECONDS", default=5.0)
# Test-only: an SSDA903 import stops after its first progress report until released
# (journeys/tasks.py), so that the fault test kills its worker at a known point.
SSDA903_IMPORT_HOLD = env.bool("SSDA903_IMPORT_HOLD", default=False)

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# How long computed figures stay in the cache; any change to the records replaces them at once
# (indicators/figure_cache.py). 0: compute every figure on every request.
FIGURE_CACHE_SECONDS = env.int("FIGURE_CACHE_SECONDS", default=6 * 60 * 60)
# How many of the figures' family queries run at once, each on its own database connection
# (indicators/calculations/engine.py, each_family). 1: one after another.
FIGURE_QUERY_THREADS = env.int("FIGURE_QUERY_THREADS", default=2)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Pages and the API keep working while Redis is down (core/cache.py).
    CACHES["default"]["BACKEND"] = "core.cache.ForgivingRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    )

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only where no TLS is possible at all (benchmarks/load_bench.py on one machine).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# A session ends after SESSION_IDLE_MINUTES without a request, or when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script and style comes from /static/: no inline script, no CDN. plotly.js's basic bundle
# adds one <style> element, allowed by its hash alone: an empty one it then fills through the
# CSSOM (chart layout). (The full build's map-library stylesheet is not in the basic bundle.)
# A plotly upgrade that changes it shows as a CSP error in the browser tests.
PLOTLY_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *PLOTLY_STYLE_HASHES],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads: SSDA903 files are checked for size and type by the import service; a request
# body without files is refused above DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB).
DATA_UPLOAD_MAX_NUMBER_FILES = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint and its font library log every step of every PDF at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
