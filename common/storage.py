"""Where files live: public media (site images) and private media (customers' treatment photos).

Private files are never served under MEDIA_URL; they are reached only through views that check
permission. Model fields take `storage=private_storage`, a callable, so tests and settings can
swap the backend without a migration.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

PRIVATE_STORAGE_ALIAS = "private"


def private_storage():
    if PRIVATE_STORAGE_ALIAS in settings.STORAGES:
        return storages[PRIVATE_STORAGE_ALIAS]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
