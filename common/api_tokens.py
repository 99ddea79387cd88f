"""Create, check and revoke bearer API tokens with an expiry.

Tokens are Wagtail's `APIToken` rows (keyed hash stored, plaintext shown once) plus an
`ApiTokenExpiry`. Customers create their own; staff create them for devices such as a kiosk.
"""

import datetime
import logging

from django.utils import timezone
from wagtail.models import APIToken

from common.models import ApiTokenExpiry

logger = logging.getLogger(__name__)

DEFAULT_LIFETIME = datetime.timedelta(days=90)
MAX_LIFETIME = datetime.timedelta(days=365)
# Writing last_used_at on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def create_api_token(*, user, name: str, lifetime: datetime.timedelta | None = None) -> tuple[APIToken, str]:
    """Create a token for `user` and return it with its plaintext, which the caller shows once."""
    lifetime = min(lifetime or DEFAULT_LIFETIME, MAX_LIFETIME)
    token, plaintext = APIToken.create_token(user=user, name=name.strip()[:255] or "API")
    ApiTokenExpiry.objects.create(token=token, expires_at=timezone.now() + lifetime)
    logger.info("API token %s created for user %s", token.pk, user.pk)
    return token, plaintext


def authenticate_api_token(plaintext: str) -> APIToken | None:
    """Return the usable token for a plaintext, or None when unknown, expired, revoked or of an inactive user."""
    if not APIToken.validate_token_format(plaintext):
        return None
    token = (
        APIToken.objects.select_related("user", "expiry")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.user.is_active:
        return None
    expiry = getattr(token, "expiry", None)
    if expiry is None or expiry.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def revoke_api_token(*, token: APIToken, actor) -> None:
    if token.revoked_at is None:
        token.revoke()
    logger.info("API token %s revoked by user %s", token.pk, actor.pk)


def tokens_of(user):
    return APIToken.objects.filter(user=user).select_related("expiry").order_by("-created")
