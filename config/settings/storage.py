"""Media storages chosen from the environment: local folders by default, S3 when a bucket is set.

Two storages exist. "default" contains public media (Wagtail images and their renditions, product
images) and "private" contains customers' treatment photos. Each one moves to S3-compatible object
storage (django-storages' S3Storage) when its bucket variable is set:

- AWS_STORAGE_BUCKET_NAME: bucket for public media.
- AWS_PRIVATE_STORAGE_BUCKET_NAME: bucket for private media. When it is unset but the public
  bucket is set, private media goes into the public bucket under the AWS_PRIVATE_LOCATION prefix
  (default "private/", with public media under AWS_PUBLIC_LOCATION, default "public/"), so a
  bucket policy can grant public read on the public prefix only.

Credentials are never settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an
instance role) from the environment. docs/storage.md shows a complete configuration.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"

# Lifetime of a signed private-media URL in seconds. It is long enough to load a page of photos
# and short enough that a copied link stops working within minutes.
DEFAULT_PRIVATE_URL_TTL = 300

# Local private files have no URL of their own; common.private_media hands out signed links.
LOCAL_PRIVATE_BASE_URL = "/private-media-has-no-public-url/"


def local_media_storages(*, private_media_root: Path | str) -> dict:
    """Return STORAGES entries that keep public media in MEDIA_ROOT and private media on disk."""
    return {
        # No "location": FileSystemStorage reads MEDIA_ROOT and MEDIA_URL when first used, so a
        # settings module that changes MEDIA_ROOT later still takes effect.
        "default": {"BACKEND": LOCAL_BACKEND},
        "private": {
            "BACKEND": LOCAL_BACKEND,
            "OPTIONS": {"location": str(private_media_root), "base_url": LOCAL_PRIVATE_BASE_URL},
        },
    }


def _shared_s3_options(env) -> dict:
    """Return the S3Storage options both storages share: provider, region and name handling."""
    options = {
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        # Set for S3-compatible providers; leave unset for AWS itself.
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        # Signature Version 4 is the only one newer AWS regions (e.g. Jakarta, ap-southeast-3)
        # and most S3-compatible providers accept, and it carries the expiry of signed URLs.
        "signature_version": "s3v4",
        # Never replace an object: a second "before.jpg" gets a suffix instead.
        "file_overwrite": False,
    }
    addressing_style = env.str("AWS_S3_ADDRESSING_STYLE", default="")
    if addressing_style:
        if addressing_style not in ("auto", "path", "virtual"):
            raise ImproperlyConfigured(
                f"AWS_S3_ADDRESSING_STYLE={addressing_style!r} is invalid; use auto, path or virtual."
            )
        options["addressing_style"] = addressing_style
    return options


def _normalized_prefix(value: str) -> str:
    return value.strip("/")


def s3_media_storages(env) -> dict:
    """Return STORAGES entries for the storages whose bucket is configured in the environment.

    Storages without a bucket are left out, so the caller keeps its local entry for them.
    """
    public_bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    private_bucket = env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="") or public_bucket
    shared_bucket = bool(public_bucket) and private_bucket == public_bucket

    public_location = _normalized_prefix(
        env.str("AWS_PUBLIC_LOCATION", default="public" if shared_bucket else "")
    )
    private_location = _normalized_prefix(
        env.str("AWS_PRIVATE_LOCATION", default="private" if shared_bucket else "")
    )
    if shared_bucket:
        _check_prefixes_apart(public_location, private_location)

    storages = {}
    if public_bucket:
        storages["default"] = {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **_shared_s3_options(env),
                "bucket_name": public_bucket,
                "location": public_location,
                # Unsigned URLs: identical on every page load, cacheable by a CDN, and built
                # without credentials or any request to the provider.
                "querystring_auth": False,
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
                "url_protocol": env.str("AWS_S3_URL_PROTOCOL", default="https:"),
                # For providers that grant public read per object; AWS buckets with ACLs
                # disabled use a bucket policy instead and leave this unset.
                "default_acl": env.str("AWS_PUBLIC_DEFAULT_ACL", default="") or None,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
        }
    if private_bucket:
        storages["private"] = {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **_shared_s3_options(env),
                "bucket_name": private_bucket,
                "location": private_location,
                "querystring_auth": True,
                "querystring_expire": env.int("AMAZE_PRIVATE_URL_TTL", default=DEFAULT_PRIVATE_URL_TTL),
                # A custom domain would make S3Storage drop the signature, so it stays unset here
                # whatever the public storage uses.
                "custom_domain": None,
                "default_acl": None,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        }
    return storages


def _check_prefixes_apart(public_location: str, private_location: str) -> None:
    if not private_location:
        raise ImproperlyConfigured(
            "AWS_PRIVATE_LOCATION is empty while private and public media share one bucket; "
            "set it to a prefix such as 'private' or set AWS_PRIVATE_STORAGE_BUCKET_NAME."
        )
    public_parts = public_location.split("/") if public_location else []
    private_parts = private_location.split("/")
    overlapping = (
        not public_parts
        or private_parts[: len(public_parts)] == public_parts
        or public_parts[: len(private_parts)] == private_parts
    )
    if overlapping:
        raise ImproperlyConfigured(
            f"AWS_PUBLIC_LOCATION={public_location!r} and AWS_PRIVATE_LOCATION={private_location!r} "
            "overlap, so a public-read rule would expose private files; use separate prefixes "
            "such as 'public' and 'private'."
        )


def media_storages(env, *, private_media_root: Path | str) -> dict:
    """Return the "default" and "private" STORAGES entries for the current environment."""
    return {**local_media_storages(private_media_root=private_media_root), **s3_media_storages(env)}
