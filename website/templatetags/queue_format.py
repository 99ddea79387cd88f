"""Filters for the queue pages: times in the clinic's time zone."""

import datetime

from django import template
from django.utils import formats, timezone, translation

register = template.Library()


@register.filter
def local_datetime(value: str | None) -> str:
    """Format an ISO date-time from the API in Asia/Jakarta, e.g. `4 Desember 2026, 14.05`."""
    if not value:
        return ""
    moment = timezone.localtime(datetime.datetime.fromisoformat(value))
    pattern = "j F Y, H.i" if translation.get_language() == "id" else "j F Y, H:i"
    return formats.date_format(moment, pattern)
