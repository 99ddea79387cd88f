"""Streaming of private files on local disk, reached through links from common.private_media."""

import logging
import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.private_media import PrivateLinkError, read_private_link
from common.storage import private_storage

logger = logging.getLogger(__name__)


def _forbidden(message: str) -> HttpResponseForbidden:
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")


@require_safe
def private_file(request, token: str):
    """Stream the private file named in a signed token.

    The permission check happened when the link was issued, so this view verifies only the
    token's signature, its expiry and the user."""
    user_id = request.user.pk if request.user.is_authenticated else None
    try:
        link = read_private_link(token)
    except PrivateLinkError as error:
        logger.warning("Private file link rejected: reason=%s user=%s", error.reason, user_id)
        if error.reason == "expired":
            return _forbidden(_("This link has expired. Reload the page to get a new one."))
        return _forbidden(_("This link is not valid. Reload the page to get a new one."))

    if link.user_id is not None and link.user_id != user_id:
        logger.warning(
            "Private file link rejected: reason=other_user user=%s issued_to=%s", user_id, link.user_id
        )
        return _forbidden(
            _("This link was issued to another account. Sign in with that account or ask for a new link.")
        )

    try:
        handle = private_storage().open(link.name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        logger.error("Private file missing from storage for a valid link: user=%s", user_id)
        raise Http404 from None

    content_type, _encoding = mimetypes.guess_type(link.name)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    # Photos of customers must not stay in shared caches or proxies.
    response["Cache-Control"] = "private, no-store"
    # The file is shown as an image only; nothing in it may run as a page.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
