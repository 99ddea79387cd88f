"""Short-lived links to private files (treatment photos), handed out after a permission check.

`private_file_url` does NOT check permission and writes no access log. The caller (a GraphQL
resolver, an admin view) must first decide that `user` may see the file, write the record
access log entry, and only then call it. The link it returns is:

- on S3, a presigned GET URL of the private bucket that the provider refuses after `ttl` seconds;
- on local disk, a path to `common.views.private_file`, carrying a signed token (django.core.signing)
  with the file name, the expiry time and the user id. The view checks the signature and the
  expiry, and that the request comes from the same user, then streams the file.

A link is a bearer credential for its lifetime on S3, so keep `ttl` short (default
AMAZE_PRIVATE_URL_TTL, five minutes).
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.storage import Storage
from django.urls import reverse

from common.storage import is_s3_storage, private_storage

logger = logging.getLogger(__name__)

TOKEN_SALT = "common.private_media"
DEFAULT_TTL = 300
# AWS rejects presigned URLs valid for longer than seven days (Signature Version 4 limit).
MAX_TTL = 7 * 24 * 3600


class PrivateLinkError(Exception):
    """A private-media token that is forged, damaged or expired."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PrivateLink:
    """The content of a verified local token."""

    name: str
    expires_at: int  # Unix time in seconds
    user_id: int | None


def current_timestamp() -> int:
    """Return the Unix time in seconds; tests replace it to move the clock."""
    return int(time.time())


def default_ttl() -> int:
    return getattr(settings, "AMAZE_PRIVATE_URL_TTL", DEFAULT_TTL)


def _file_name(file) -> str:
    name = getattr(file, "name", file)
    if not name:
        raise ValueError("The file field is empty; there is no private file to link to.")
    return name


def _user_id(user) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


def private_file_url(file, user=None, *, ttl: int | None = None, storage: Storage | None = None, request=None) -> str:
    """Return a link to a private file, valid for `ttl` seconds. The caller checks permission.

    `file` is a FieldFile (e.g. `photo.image`) or a storage name. `user` is the user the caller
    authorized; on local disk the link works only for that user's session (anonymous: no
    session needed). With `request`, a local link is made absolute for API clients.
    """
    name = _file_name(file)
    ttl = default_ttl() if ttl is None else ttl
    if not 1 <= ttl <= MAX_TTL:
        raise ValueError(f"ttl={ttl} is out of range; use 1 to {MAX_TTL} seconds.")
    storage = storage or getattr(file, "storage", None) or private_storage()

    logger.info("Private file link issued: user=%s ttl=%ss", _user_id(user), ttl)
    if is_s3_storage(storage):
        return storage.url(name, expire=ttl)

    token = signing.dumps(
        {"n": name, "e": current_timestamp() + ttl, "u": _user_id(user)},
        salt=TOKEN_SALT,
        compress=True,
    )
    path = reverse("private_media_file", kwargs={"token": token})
    return request.build_absolute_uri(path) if request is not None else path


def read_private_link(token: str) -> PrivateLink:
    """Verify a local token and return its content; raise PrivateLinkError when it is rejected."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise PrivateLinkError("bad_signature") from None
    try:
        link = PrivateLink(name=str(payload["n"]), expires_at=int(payload["e"]), user_id=payload["u"])
    except (KeyError, TypeError, ValueError):
        raise PrivateLinkError("bad_payload") from None
    if current_timestamp() > link.expires_at:
        raise PrivateLinkError("expired")
    return link
