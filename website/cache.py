"""Full-page cache of the public site's pages for anonymous visitors.

A page is stored only when `website.rendering.render_page` marked the response cacheable (a
published page, not a preview) and the response is a 200 HTML response that sets no cookie. It
is served only to requests without a session cookie and without an Authorization header, so a
signed-in editor or customer always gets a fresh render. The key holds the host, path with
query string, language, local date and the "content" version, which the signal handlers in
`common.cache_invalidation` bump when an editor publishes.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from common.graphql.cache import cache_bypassed, current_versions

logger = logging.getLogger(__name__)

PAGE_KEY = "amaze:page:{digest}"
# Attribute render_page sets on a response that may be shared between anonymous visitors.
CACHEABLE_MARK = "amaze_page_cacheable"
PAGE_NAMESPACES = ("content",)


def mark_cacheable(response) -> None:
    setattr(response, CACHEABLE_MARK, True)


def page_cache_key(request) -> str | None:
    """Return the cache key of this page request, or None when it must not use the cache."""
    if not settings.AMAZE_RESPONSE_CACHE or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.headers.get("Authorization"):
        return None
    if cache_bypassed(request):
        return None
    versions = current_versions(PAGE_NAMESPACES)
    material = "\n".join(
        [
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            versions["content"],
        ]
    )
    return PAGE_KEY.format(digest=hashlib.sha256(material.encode("utf-8")).hexdigest())


class FullPageCacheMiddleware:
    """Serve and store anonymous page responses. It sits after LocaleMiddleware, so the language is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache_key(request)
        if key is None:
            return self.get_response(request)

        stored = cache.get(key)
        if stored is not None:
            headers, body = stored
            response = HttpResponse(body, headers=headers)
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if self.is_shareable(response):
            # The headers set by inner middleware (X-Frame-Options, Content-Type) are replayed
            # on a hit; outer middleware such as LocaleMiddleware adds its own again.
            cache.set(key, (dict(response.headers), response.content), timeout=settings.AMAZE_RESPONSE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def is_shareable(response) -> bool:
        if not getattr(response, CACHEABLE_MARK, False) or response.status_code != 200:
            return False
        if response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        return response.get("Content-Type", "").startswith("text/html")
