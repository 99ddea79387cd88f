"""Settings shared by every environment; values that differ per machine come from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from .storage import DEFAULT_PRIVATE_URL_TTL, media_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    GRAPHQL_INTROSPECTION=(bool, True),
    GRAPHQL_GRAPHIQL=(bool, False),
)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

# The default database is a SQLite file inside the project so that `make run` needs no server.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "corsheaders",
    "common",
    "cms",
    "crm",
    "website",
    "grapple",
    "graphene_django",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.auth.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first: unprefixed URLs are Indonesian, /en/ serves English.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# Our own strings first; then Indonesian for Wagtail admin strings that Wagtail 8's id_ID
# catalog lacks (it covers about 270 of the admin's messages).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Customers' treatment photos; outside MEDIA_ROOT so no URL under /media/ can reach them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
# Public and private media: local folders, or S3-compatible buckets when AWS_STORAGE_BUCKET_NAME /
# AWS_PRIVATE_STORAGE_BUCKET_NAME are set (see config/settings/storage.py and docs/storage.md).
STORAGES = {
    **media_storages(env, private_media_root=PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Lifetime in seconds of the links common.private_media hands out for private files.
AMAZE_PRIVATE_URL_TTL = env.int("AMAZE_PRIVATE_URL_TTL", default=DEFAULT_PRIVATE_URL_TTL)

# Upload limits for site images and customer photos (common.uploads). 50 million pixels fits a
# 50-megapixel phone photo and decodes to about 150 MB as RGB; larger counts are refused before
# decoding so a small file declaring huge dimensions cannot exhaust memory.
AMAZE_UPLOAD_MAX_BYTES = env.int("AMAZE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
AMAZE_UPLOAD_MAX_PIXELS = env.int("AMAZE_UPLOAD_MAX_PIXELS", default=50_000_000)

WAGTAIL_SITE_NAME = "Amaze Skin Care"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = AMAZE_UPLOAD_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = AMAZE_UPLOAD_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Adds the content checks of common.uploads and strips EXIF/XMP metadata from uploaded originals.
WAGTAILIMAGES_IMAGE_FORM_BASE = "common.wagtail_image_forms.SafeImageForm"

GRAPHENE = {"SCHEMA": "grapple.schema.schema"}

# Rendition filter specs a client may request. Any other spec is rejected, so clients cannot
# make the server render arbitrary sizes.
AMAZE_IMAGE_FILTERS = [
    "fill-400x300",
    "fill-800x600",
    "fill-1200x600",
    "width-400",
    "width-800",
    "width-1600",
    "max-1600x1600",
]
GRAPPLE = {
    "APPS": {"cms": "Cms"},
    "EXPOSE_GRAPHIQL": False,
    "ALLOWED_IMAGE_FILTERS": AMAZE_IMAGE_FILTERS,
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
}

# GraphiQL is served only when DEBUG is on; introspection can be switched off.
GRAPHQL_INTROSPECTION = env("GRAPHQL_INTROSPECTION")
# Limits of one GraphQL request. Depth 10 fits the site's deepest operation (7) with room; the
# field count includes aliases after fragments are expanded; the body limit is in bytes.
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=10)
GRAPHQL_MAX_FIELDS = env.int("GRAPHQL_MAX_FIELDS", default=300)
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=100_000)
# Largest page any list field returns, whatever the client asks for.
GRAPHQL_MAX_PAGE_SIZE = env.int("GRAPHQL_MAX_PAGE_SIZE", default=100)

# Cross-origin browser clients of /graphql/ (django-cors-headers): off unless origins are listed,
# e.g. CORS_ALLOWED_ORIGINS=https://app.example.com,https://kiosk.example.com. Cookies are not
# allowed cross-origin, so such clients authenticate with bearer tokens.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["X-Request-ID"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "content-type", "x-request-id"]

# Sign-in attempts through the API (django-ratelimit rate strings, counted in the default cache).
AMAZE_LOGIN_RATE_PER_ACCOUNT = env("AMAZE_LOGIN_RATE_PER_ACCOUNT", default="5/15m")
AMAZE_LOGIN_RATE_PER_ADDRESS = env("AMAZE_LOGIN_RATE_PER_ADDRESS", default="20/15m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# ---- Caching (GraphQL responses, public pages) ----
# Redis when REDIS_URL is set, so every worker process sees the same entries and the same
# content versions; otherwise a per-process memory cache, which needs no server for `make run`.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="amaze"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "amaze",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Wagtail writes every rendition it looks up to this cache, on every call (Image.get_rendition in
# Wagtail 8.0.1), so a list of N pictures costs N cache writes. Sent to Redis they took about 40%
# of the CPU time of an uncached service list (make bench profile), so they stay in process memory.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "amaze-renditions",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}
# Anonymous GraphQL query responses and public pages are cached until an editor publishes or
# a public CRM record changes (see common.cache_invalidation), or for at most this many
# seconds, which bounds the staleness of clock-dependent fields such as "open now".
AMAZE_RESPONSE_CACHE = env.bool("AMAZE_RESPONSE_CACHE", default=True)
AMAZE_RESPONSE_CACHE_SECONDS = env.int("AMAZE_RESPONSE_CACHE_SECONDS", default=60)
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "website.cache.FullPageCacheMiddleware")

# Benchmark mode (`make bench` only): adds the X-SQL-Queries and X-Server-Time response
# headers, the comparison endpoints under /bench/ and /api/v2/, and a header that skips the
# response caches. Never set it on a public server.
AMAZE_BENCH = env.bool("AMAZE_BENCH", default=False)
if AMAZE_BENCH:
    MIDDLEWARE.insert(0, "bench.middleware.QueryCountMiddleware")
    INSTALLED_APPS += ["wagtail.api.v2", "rest_framework"]
    # The REST API returns the whole service list in one response, as the other sides do.
    WAGTAILAPI_LIMIT_MAX = None
