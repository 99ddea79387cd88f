"""Settings for a deployed clinic; every secret comes from the environment."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
GRAPHQL_INTROSPECTION = env.bool("GRAPHQL_INTROSPECTION", default=False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

# ---- Caching ----
# Without Redis every worker process has its own memory cache and its own content versions, so a
# publish handled by one worker would not reach the entries of the others. The response caches
# are therefore on by default only when REDIS_URL is set.
AMAZE_RESPONSE_CACHE = env.bool("AMAZE_RESPONSE_CACHE", default=bool(REDIS_URL))  # noqa: F405
