"""
Settings for the thank-you page server, in one place.

Everything that differs between a laptop and production comes from environment
variables; with none set, the server runs on SQLite and the local-memory cache.
"""

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# For development and tests only: a server with DEBUG off refuses to start
# with it, and `check --deploy` fails with it (cms/startup.py).
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-key-do-not-deploy")
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")  # former keys, after a rotation
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public origin of this server, used for absolute URLs in rendered HTML
# (it is inserted on the shop's page) and in the admin's e-mails.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
if urlsplit(PUBLIC_URL).scheme not in ("http", "https") or not urlsplit(PUBLIC_URL).netloc:
    raise ImproperlyConfigured(
        f"PUBLIC_URL must be this server's origin, such as https://thankyou.example.com "
        f"(scheme and host), not {PUBLIC_URL!r}."
    )
WAGTAILADMIN_BASE_URL = PUBLIC_URL

INSTALLED_APPS = [
    "cms.apps.ServerConfig",
    "thankyou",
    "thankyou_demo",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cms.middleware.AdminReportOnlyCSPMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite by default (WAL and immediate transactions, so the web
# process and the worker do not lock each other out); DATABASE_URL otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")  # Wagtail's search index uses it
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else this process's memory. Keys carry the
# code's version: cached renderings are pickled objects of our classes, and a
# deploy must not read another version's.
CODE_VERSION = (
    os.environ.get("RELEASE")
    or hashlib.sha256(
        b"".join(path.read_bytes() for path in sorted((BASE_DIR / "thankyou").rglob("*.py")))
    ).hexdigest()[:12]
)
PUBLIC_URL_HASH = hashlib.sha256(PUBLIC_URL.encode()).hexdigest()[:8]
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Rendered pages hold absolute URLs: a new PUBLIC_URL starts afresh.
            "KEY_PREFIX": f"thankyou:{CODE_VERSION}:{PUBLIC_URL_HASH}",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Django's Tasks API, stored in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German and English from the start.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogue, also for the project's templates (makemessages from the top);
# a designer's app with a locale/ folder of its own keeps its own.
LOCALE_PATHS = [BASE_DIR / "thankyou" / "locale"]
# How the admin shows times to users who set none in their account.
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Production serves media from shared storage; this server does it when asked.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "thankyou.core.staticfiles.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

WAGTAIL_SITE_NAME = "Thank-you pages"
# No avatars from gravatar.com: the admin asks no third party anything (an
# editor's e-mail hash would go with each request). A URL turns them on.
WAGTAIL_GRAVATAR_PROVIDER_URL = os.environ.get("GRAVATAR_PROVIDER_URL") or None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# PDFs (tips), team videos and their WebVTT captions.
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp4", "webm", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 100 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pixels are what costs: decoding takes 4 bytes and some time per pixel,
# however small the file (a 470 KB PNG can hold 121 million). The largest
# rendition a block makes is 1440 pixels wide (the "wide" preset, twice the
# 720 px column; posters are 1280x720), so beyond that pixels only cost.
# 25 million still takes photos as phones (12 or 24 MP) and most cameras
# (6000x4000) save them, so editors need not scale them down first, and
# bounds a decode to about 100 MB and a second or two.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 25_000_000))
# The upload form counts them from the header (Wagtail decodes every pixel
# first) and tells the editor what to do about too many.
WAGTAILIMAGES_IMAGE_FORM_BASE = "thankyou.media.uploads.ImageForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Public API: the signed token is the only credential.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "thankyou.api.errors.exception_handler",
    # How many proxies in front of us append to X-Forwarded-For: the client is
    # the address the last of them added. With none, the header is ignored
    # (anyone can send it; DRF's default would let clients pick their own
    # rate-limit identity) and the connection's peer is the client.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thank-you page server API",
    "DESCRIPTION": "Render a shop's thank-you page for a signed order context.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAS_VERSION": "3.1.0",
    "PREPROCESSING_HOOKS": ["thankyou.api.schema.public_endpoints_only"],
}

# CORS: only the /api/ endpoints, and only for origins the shop allows
# (decided per request in thankyou.api.cors).
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOWED_ORIGINS = []
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400

# Security. HTTPS settings default on unless DEBUG; a TLS-terminating proxy
# sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The admin's e-mails (password resets): the SMTP server EMAIL_HOST, else a
# local mail server (port 25); printed to the console in development.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")  # MAILERS forbids the old setting names
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG and not _EMAIL_HOST
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _EMAIL_HOST or "localhost",
            "port": int(os.environ.get("EMAIL_PORT", "587" if _EMAIL_HOST else "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=bool(_EMAIL_HOST)),
        },
    }
}
# The demo shop's confirmation e-mails stay on this server (/demo/inbox/).
DEMO_MAIL_DIR = VAR_DIR / "demo-mail"
MAILERS["demo"] = {
    "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "OPTIONS": {"file_path": str(DEMO_MAIL_DIR)},
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thankyou@localhost")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # a load balancer's probes, plain http
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy for our own pages. The Wagtail admin gets it as
# report-only (cms.middleware), since Wagtail does not yet run under a strict one.
# PUBLIC_URL is ours too: the embed's URLs are absolute to it, and a page may be
# reached by another name (localhost for 127.0.0.1, an internal host name).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, PUBLIC_URL, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, PUBLIC_URL, "data:", "https://i.ytimg.com", "https://i.vimeocdn.com"],
    "media-src": [CSP.SELF, PUBLIC_URL],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "connect-src": [CSP.SELF, PUBLIC_URL],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# What a strict shop page allows us, as the shop developers' guide lists it,
# plus our own stylesheet (on a shop the embed adopts it, outside style-src).
# The block gallery renders each block under it: a block that needs inline
# style or script looks broken there, as it would on the shop.
SHOP_PAGE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, PUBLIC_URL],
    "style-src": [CSP.SELF, PUBLIC_URL],
    "img-src": [CSP.SELF, PUBLIC_URL],
    "media-src": [CSP.SELF, PUBLIC_URL],
    "connect-src": [CSP.SELF, PUBLIC_URL],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
}

# Order contexts (the claims and limits: docs/integrating.md, "The order context").
THANKYOU = {
    "TOKEN_MAX_BYTES": 16 * 1024,
    "TOKEN_MAX_ITEMS": 500,
    "TOKEN_MAX_LIFETIME": 24 * 3600,
    "TOKEN_CLOCK_SKEW": 300,
    "ACTION_TOKEN_MIN_LIFETIME": 24 * 3600,
    # Cache shops and rendered pages (off only to measure or debug cold renders).
    "CACHE": env_bool("THANKYOU_CACHE", default=True),
    # Requests per minute; 0 turns a limit off.
    "RATE_LIMITS": {
        "render_client": int(os.environ.get("RATE_RENDER_PER_CLIENT", "120")),
        "render_shop": int(os.environ.get("RATE_RENDER_PER_SHOP", "60000")),
        "events_client": int(os.environ.get("RATE_EVENTS_PER_CLIENT", "240")),
        "events_shop": int(os.environ.get("RATE_EVENTS_PER_SHOP", "120000")),
        "actions_client": int(os.environ.get("RATE_ACTIONS_PER_CLIENT", "60")),
        "actions_shop": int(os.environ.get("RATE_ACTIONS_PER_SHOP", "20000")),
    },
    # Analytics: raw events are kept this many days (at least the action
    # tokens' lifetime, so an order is never counted twice), the roll-up reads
    # events older than ROLLUP_LAG seconds (inserts still in flight are done by
    # then) and runs every ROLLUP_INTERVAL seconds (`manage.py periodic`).
    "EVENT_RETENTION_DAYS": int(os.environ.get("EVENT_RETENTION_DAYS", "30")),
    "ROLLUP_LAG": int(os.environ.get("ROLLUP_LAG", "10")),
    "ROLLUP_INTERVAL": int(os.environ.get("ROLLUP_INTERVAL", "30")),
    # Interactions: quiz feedback ("41 % answered like you") only from this many answers.
    "QUIZ_FEEDBACK_MIN_ANSWERS": int(os.environ.get("QUIZ_FEEDBACK_MIN_ANSWERS", "30")),
    "ACCOUNT_LINK_LIFETIME": 2 * 3600,  # the account prompt's signed link
    # The link to an order's hosted page (from its e-mail) works this many days.
    "HOSTED_PAGE_DAYS": int(os.environ.get("HOSTED_PAGE_DAYS", "30")),
    "IP_HASH_KEY_DAYS": int(os.environ.get("IP_HASH_KEY_DAYS", "30")),
    # Webhooks out. Loopback/http receivers: for development and tests only.
    "WEBHOOKS_ALLOW_LOOPBACK": env_bool("WEBHOOKS_ALLOW_LOOPBACK", default=DEBUG),
    "WEBHOOK_TIMEOUT_SECONDS": 10,
    "WEBHOOK_LEASE_SECONDS": int(os.environ.get("WEBHOOK_LEASE_SECONDS", "60")),
    "WEBHOOK_MAX_ATTEMPTS": 12,
    "WEBHOOK_RETRY_BASE_SECONDS": int(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30")),
    "WEBHOOK_RETRY_MAX_SECONDS": 6 * 3600,
    "PERIODIC_SECONDS": int(os.environ.get("PERIODIC_SECONDS", "30")),
    # Image work (renditions, photos turned upright) is done by the task
    # worker; one whose worker was killed is taken up again after this.
    "IMAGE_WORK_LEASE_SECONDS": int(os.environ.get("IMAGE_WORK_LEASE_SECONDS", "300")),
    # Where a Shopify shop's Admin API answers ({domain}: its myshopify.com
    # domain); another address only to replay recorded answers in tests.
    "SHOPIFY_ADMIN_URL": os.environ.get("SHOPIFY_ADMIN_URL", "https://{domain}"),
}

# What the demo's webhook receiver (/demo/webhook-receiver/) got.
DEMO_WEBHOOK_LOG = VAR_DIR / "demo-webhooks.jsonl"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request lines carry no bodies or tokens: the token travels in the body.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": LOG_LEVEL},
        "django.tasks": {"level": "WARNING"},
    },
}
