"""Close the two grapple collections that would otherwise show unpublished content.

grapple 0.31's `search` runs the search backend over every model of the registered apps,
drafts included, and its `snippets` returns `objects.all()` of every snippet model, so a
testimonial in moderation would be listed. Both resolvers are replaced here with versions that
apply the same visibility rule as the rest of the site.

Images are left out of `search` because the `Search` union has no image type, so one image
among the results failed the whole field; clients search images with `images(searchQuery:)`.
"""

import logging

from django.apps import apps
from wagtail.models import DraftStateMixin, Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_SEARCH_RESULTS = 50


def visible_search_results(query: str) -> list:
    from grapple.registry import registry

    backend = get_search_backend()
    results = list(backend.search(query, Page.objects.live().public().specific())[:MAX_SEARCH_RESULTS])
    for app_label in registry.apps:
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, Page) or model not in registry.class_models:
                continue
            queryset = model.objects.all()
            if issubclass(model, DraftStateMixin):
                queryset = queryset.filter(live=True)
            results += list(backend.search(query, queryset)[:MAX_SEARCH_RESULTS])
    return results[:MAX_SEARCH_RESULTS]


def published_snippets() -> list:
    from grapple.registry import registry

    snippets = []
    for model in registry.snippets:
        queryset = model.objects.all()
        if issubclass(model, DraftStateMixin):
            queryset = queryset.filter(live=True)
        snippets.extend(queryset)
    return snippets


def restrict_grapple_collections(query_mixins: list) -> None:
    for mixin in query_mixins:
        if hasattr(mixin, "resolve_search"):
            mixin.resolve_search = lambda root, info, query=None, **kwargs: (
                visible_search_results(query) if query else []
            )
        if hasattr(mixin, "resolve_snippets"):
            mixin.resolve_snippets = lambda root, info, **kwargs: published_snippets()
