"""Settings, read from the environment so that one build serves demo and production.

Production defaults are the safe ones: DEBUG off, secure cookies, HSTS. `make run` turns on
debug explicitly for the local demo.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMVERKAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("SAMVERKAN_DEBUG")

SECRET_KEY = os.environ.get("SAMVERKAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SAMVERKAN_SECRET_KEY måste vara satt när SAMVERKAN_DEBUG inte är 1 (driftläge)."
        )
    SECRET_KEY = "insecure-development-key-only-for-the-local-demo-0123456789abcdef"

# The key that encrypts identity numbers at rest and keys their blind index. Losing it loses
# the numbers: keep it apart from the database and its backups.
FIELD_ENCRYPTION_KEY = os.environ.get("SAMVERKAN_FIELD_KEY", "")
if not FIELD_ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SAMVERKAN_FIELD_KEY måste vara satt när SAMVERKAN_DEBUG inte är 1 (driftläge)."
        )
    FIELD_ENCRYPTION_KEY = "insecure-development-field-key-only-for-the-local-demo"

ALLOWED_HOSTS = env_list("SAMVERKAN_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("SAMVERKAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts.admin_site.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Listed so that the API documentation is served from the platform's own static files
    # (django-ninja otherwise loads Swagger UI from a CDN).
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "samverkan",
    "workdays",
    "inputs",
    "outbox",
    "accounts",
    "agreements",
    "structure",
    "audit",
    "meetings",
    "matters",
    "plans",
    "placements",
    "logreview",
    "portal",
    "deviations",
    "disputes",
    "inbox",
    "followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Swedish unless the person chose another language with the switch (samverkan/language.py).
    "samverkan.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverkan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samverkan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.rights",
            ],
        },
    },
]

WSGI_APPLICATION = "samverkan.wsgi.application"

# Set but empty (an unfilled line in an env file) counts as unset.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if not DATABASE_URL:
    # SQLite serves the local demo and `make run` only: it locks the whole file on every write,
    # so that a production start on it would fail under ordinary load instead of refusing now.
    if not DEBUG:
        raise ImproperlyConfigured(
            "DATABASE_URL måste vara satt när SAMVERKAN_DEBUG inte är 1 (driftläge), till "
            "exempel postgres://samverkan@databasserver/samverkan. SQLite används bara för "
            "demon och `make run`."
        )
    # The embedded default: an SQLite file under var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# A small installation may run on SQLite in production only when it says so (samverkan.checks).
SAMVERKAN_ALLOW_SQLITE = env_bool("SAMVERKAN_ALLOW_SQLITE")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'samverkan.sqlite3'}",
        conn_max_age=int(os.environ.get("SAMVERKAN_CONN_MAX_AGE", "60")),
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Each role lands on the page its day starts with (samverkan.views.landing).
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "structure:home"

LANGUAGE_CODE = "sv"
# English is the message ids themselves: no catalogue of its own.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LOCALE_PATHS = [BASE_DIR / "samverkan" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Agreement files shipped with the platform; a county may add its own directory.
AGREEMENT_DIRS = [BASE_DIR / "agreements" / "data", *env_list("SAMVERKAN_AGREEMENT_DIRS")]

# E-mail (notices to coordinators): printed to the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "SAMVERKAN_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("SAMVERKAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SAMVERKAN_EMAIL_PORT", "25"))
EMAIL_USE_TLS = env_bool("SAMVERKAN_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("SAMVERKAN_FROM_EMAIL", "samverkan@localhost")
# The platform's address as its users reach it: every link in a mail is built from it (a mail
# is read outside the site, where a path alone leads nowhere). Unset: the address `make run`
# serves (the same host, so that a link keeps the login), or in production the first allowed
# host over https.
SAMVERKAN_SITE_URL = (
    os.environ.get("SAMVERKAN_SITE_URL", "").strip()
    or (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and not DEBUG else "http://127.0.0.1:8000")
).rstrip("/")

# Background work (mail, reminders) kept in the platform's own database: no broker to install.
# `manage.py db_worker` runs it; `make run` starts one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The health endpoint (samverkan.health) reports the worker down when a task ready to run has
# waited longer than this.
SAMVERKAN_HEALTH_QUEUE_SECONDS = int(os.environ.get("SAMVERKAN_HEALTH_QUEUE_SECONDS", "900"))

# Sessions end after 30 idle minutes and 12 hours in all (accounts.middleware); the cookie
# itself lasts no longer than the longest session.
SAMVERKAN_IDLE_SECONDS = 30 * 60
SAMVERKAN_SESSION_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SAMVERKAN_SESSION_SECONDS
OTP_TOTP_ISSUER = "Samverkan"
# How long an enrolment code for setting up an authenticator stays valid (accounts.enrolment).
SAMVERKAN_ENROLMENT_CODE_HOURS = int(os.environ.get("SAMVERKAN_ENROLMENT_CODE_HOURS", "72"))
# Repeated failed logins lock out the account, from whatever address the guesses come, and
# the address, whatever accounts it tries (django-axes: each parameter on its own, not their
# combination, which guesses spread over addresses would never reach).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# How many reverse proxies in front append to X-Forwarded-For (accounts.addresses): the address
# locked out is then the client's, not the proxy's.
SAMVERKAN_PROXY_COUNT = int(os.environ.get("SAMVERKAN_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A mistyped enrolment code is as secret as a password: never kept in the lockout's records.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "enrolment_code"]
# The attempted user name as the lockout can store it, however long or odd what was typed.
AXES_USERNAME_CALLABLE = "inputs.login.attempted_username"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading each request's user with their membership in one query.
    "accounts.backends.ModelBackend",
]

# Single sign-on against the county's identity provider (OpenID Connect, mozilla-django-oidc),
# on when a client id is set; local accounts stay for the demo. The second factor is still asked
# for before any case (accounts.two_factor). The claims that carry the user name, the
# organisation (an organisation key in the county) and the role are settings, since each
# county's provider names them its own way.
OIDC_RP_CLIENT_ID = os.environ.get("SAMVERKAN_OIDC_CLIENT_ID", "")
SAMVERKAN_OIDC = bool(OIDC_RP_CLIENT_ID)
if SAMVERKAN_OIDC:
    AUTHENTICATION_BACKENDS.insert(1, "accounts.oidc.CountyOIDCBackend")
    OIDC_RP_CLIENT_SECRET = os.environ["SAMVERKAN_OIDC_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["SAMVERKAN_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["SAMVERKAN_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["SAMVERKAN_OIDC_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["SAMVERKAN_OIDC_JWKS_ENDPOINT"]
    OIDC_RP_SIGN_ALGO = os.environ.get("SAMVERKAN_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("SAMVERKAN_OIDC_SCOPES", "openid profile email")
SAMVERKAN_OIDC_USERNAME_CLAIM = os.environ.get(
    "SAMVERKAN_OIDC_USERNAME_CLAIM", "preferred_username"
)
SAMVERKAN_OIDC_ORGANISATION_CLAIM = os.environ.get("SAMVERKAN_OIDC_ORGANISATION_CLAIM", "")
SAMVERKAN_OIDC_ROLE_CLAIM = os.environ.get("SAMVERKAN_OIDC_ROLE_CLAIM", "")
SAMVERKAN_OIDC_COUNTY = os.environ.get("SAMVERKAN_OIDC_COUNTY", "")
# My pages log families in with a client of their own (portal/conf.py, SAMVERKAN_PORTAL_OIDC_*).
from portal.conf import *  # noqa: E402, F403

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SAMVERKAN_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A monitor on the server itself asks for the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
X_FRAME_OPTIONS = "DENY"
# Only the platform's own scripts, styles and images run (django-csp): no inline script, no
# inline style, no third party, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Personal data never reaches a log line: only the request path and status are logged, and
# every record passes samverkan.logfilter on its way out.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "samverkan.logfilter.PersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("SAMVERKAN_LOG_LEVEL", "INFO")},
    # WeasyPrint reports each step of every PDF it makes at INFO: only its problems are news.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# Emergency access to an individual's cases ends after this many hours (PDL 4 kap), and one
# person may open at most this many in a day: more is a pattern for the log review, not an
# emergency.
SAMVERKAN_EMERGENCY_ACCESS_HOURS = int(os.environ.get("SAMVERKAN_EMERGENCY_ACCESS_HOURS", "2"))
SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY = int(
    os.environ.get("SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY", "3")
)

# The key of the audit trail's chain (HMAC-SHA256, audit.chain). Kept apart from the database
# and its backups: whoever can write to the database but lacks the key cannot rewrite the trail
# unseen. Restore it with the database, or `samverkan audit verify` finds every link broken.
SAMVERKAN_AUDIT_KEY = os.environ.get("SAMVERKAN_AUDIT_KEY", "")
if not SAMVERKAN_AUDIT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SAMVERKAN_AUDIT_KEY måste vara satt när SAMVERKAN_DEBUG inte är 1 (driftläge)."
        )
    SAMVERKAN_AUDIT_KEY = "insecure-development-audit-key-only-for-the-local-demo"
# Where the signed head of the chain is written after each event (audit.anchor): a file outside
# the database, on storage that the database's administrators cannot rewrite.
SAMVERKAN_AUDIT_ANCHOR = os.environ.get("SAMVERKAN_AUDIT_ANCHOR", "")
if not SAMVERKAN_AUDIT_ANCHOR:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SAMVERKAN_AUDIT_ANCHOR måste vara satt när SAMVERKAN_DEBUG inte är 1 (driftläge): "
            "filen där granskningsloggens signerade huvud skrivs, utanför databasen."
        )
    SAMVERKAN_AUDIT_ANCHOR = str(VAR_DIR / "audit-anchor.json")
# How many processes `samverkan audit verify` walks the chain in on PostgreSQL; 0 for every core.
SAMVERKAN_AUDIT_VERIFY_WORKERS = int(os.environ.get("SAMVERKAN_AUDIT_VERIFY_WORKERS", "0"))
