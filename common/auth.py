"""Bearer-token authentication for API clients, next to Django's session authentication."""

import logging

from django.http import JsonResponse
from django.utils.translation import gettext

from common.api_tokens import authenticate_api_token

logger = logging.getLogger(__name__)


class BearerTokenMiddleware:
    """Authenticate `Authorization: Bearer <token>` requests as the token's user.

    A request with a bearer token carries no ambient credentials, so CSRF does not apply to it.
    An unknown, expired or revoked token gets 401 rather than silently falling back to anonymous.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_token = None
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            token = authenticate_api_token(header.removeprefix("Bearer ").strip())
            if token is None:
                logger.info("Rejected bearer token for %s", request.path)
                return JsonResponse(
                    {"errors": [{"message": gettext("The API token is invalid, expired or revoked."), "extensions": {"code": "UNAUTHENTICATED"}}]},
                    status=401,
                )
            request.user = token.user
            request.api_token = token
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
