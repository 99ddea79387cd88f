"""Filters that turn GraphQL values (ISO strings) into text for people."""

import datetime

from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter
def clock(value: str | None) -> str:
    """Format an ISO time `09:00:00` as `09.00` in Indonesian or `09:00` in English."""
    if not value:
        return ""
    parsed = datetime.time.fromisoformat(value)
    separator = "." if translation.get_language() == "id" else ":"
    return f"{parsed.hour:02d}{separator}{parsed.minute:02d}"


@register.filter
def long_date(value: str | None) -> str:
    """Format an ISO date or date-time as e.g. `4 Desember 2026`."""
    if not value:
        return ""
    if "T" in value:
        parsed = datetime.datetime.fromisoformat(value)
        return formats.date_format(parsed, "j F Y, H.i" if translation.get_language() == "id" else "j F Y, H:i")
    return formats.date_format(datetime.date.fromisoformat(value), "j F Y")


@register.filter
def stars(rating: int) -> str:
    rating = max(0, min(int(rating or 0), 5))
    return "★" * rating + "☆" * (5 - rating)


@register.simple_tag(takes_context=True)
def switch_language_path(context, language_code: str) -> str:
    """Return the current path as it reads in another language (`/en/...` for English)."""
    from django.conf import settings

    request = context["request"]
    path = request.path
    prefix = "/en/"
    if path.startswith(prefix):
        path = "/" + path[len(prefix):]
    if language_code != settings.LANGUAGE_CODE:
        path = f"/{language_code}{path}"
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path
