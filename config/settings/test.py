"""Settings for the test suite: fast password hashing, DEBUG off as in production."""

from .base import *  # noqa: F401,F403
from .base import STORAGES, env
from .storage import local_media_storages

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-secret-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/amaze-test-media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default="/tmp/amaze-test-private-media")
# Local folders whatever AWS_* variables the shell exports; the S3 tests build their own storages.
STORAGES.update(local_media_storages(private_media_root=PRIVATE_MEDIA_ROOT))  # noqa: F405

# ---- Caching ----
# Off so query-count tests measure real work; tests of the caches switch it on with
# override_settings. Memory cache whatever REDIS_URL the shell exports.
AMAZE_RESPONSE_CACHE = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "amaze-test"}}
