"""Storage access for public media (site images) and private media (customers' treatment photos).

Private files are never served under MEDIA_URL; they are reached only through
`common.private_media.private_file_url`, after the caller has checked permission. Model fields
take `storage=private_storage`, a callable, so tests and settings can swap the backend without a
migration. Which backend each alias uses (local folder or S3 bucket) is decided in
config/settings/storage.py.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

PUBLIC_STORAGE_ALIAS = "default"
PRIVATE_STORAGE_ALIAS = "private"


def private_storage() -> Storage:
    if PRIVATE_STORAGE_ALIAS in settings.STORAGES:
        return storages[PRIVATE_STORAGE_ALIAS]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def public_storage() -> Storage:
    return storages[PUBLIC_STORAGE_ALIAS]


def is_s3_storage(storage: Storage) -> bool:
    """Return True for django-storages' S3 backend, the only one that signs its own URLs."""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # django-storages installed without boto3
        return False
    return isinstance(storage, S3Storage)


def describe_storage(storage: Storage) -> str:
    """Name a storage for command output and logs: bucket and prefix, or local folder."""
    if is_s3_storage(storage):
        prefix = f"/{storage.location}" if storage.location else ""
        return f"s3://{storage.bucket_name}{prefix}"
    location = getattr(storage, "location", None)
    return f"folder {location}" if location else type(storage).__name__
