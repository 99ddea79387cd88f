"""Bounded `first`/`offset` arguments for every GraphQL list field.

A list returns at most `first` items (default DEFAULT_PAGE_SIZE) starting at `offset`.
Asking for more than settings.GRAPHQL_MAX_PAGE_SIZE, or for a negative number, is rejected
with a top-level error (code PAGE_SIZE_EXCEEDED or INVALID_PAGE) instead of being trimmed, so
a client never mistakes a short page for the end of the list.
"""

import graphene
from django.conf import settings
from django.utils.translation import gettext
from graphql import GraphQLError

DEFAULT_PAGE_SIZE = 20


def page_arguments() -> dict:
    """Return the `first` and `offset` arguments to spread into a list field's definition."""
    return {
        "first": graphene.Int(
            description=(
                f"Number of items to return, {DEFAULT_PAGE_SIZE} when omitted; at most the server's "
                "GRAPHQL_MAX_PAGE_SIZE (100 by default)."
            )
        ),
        "offset": graphene.Int(default_value=0, description="Number of items to skip from the start."),
    }


def page_bounds(first: int | None, offset: int | None) -> tuple[int, int]:
    """Check the page arguments and return (start, stop) indexes."""
    max_size = settings.GRAPHQL_MAX_PAGE_SIZE
    first = DEFAULT_PAGE_SIZE if first is None else first
    offset = offset or 0
    if first > max_size:
        raise GraphQLError(
            gettext("first=%(first)s is larger than the maximum page size of %(max)s.") % {"first": first, "max": max_size},
            extensions={"code": "PAGE_SIZE_EXCEEDED"},
        )
    if first < 0 or offset < 0:
        raise GraphQLError(
            gettext("first and offset must be zero or more."),
            extensions={"code": "INVALID_PAGE"},
        )
    return offset, offset + min(first, max_size)


def paginate(items, first: int | None = None, offset: int | None = 0):
    """Slice a queryset (one LIMIT/OFFSET query) or an already loaded list."""
    start, stop = page_bounds(first, offset)
    return items[start:stop]
