"""Close the two grapple collections that would otherwise show unpublished content.

grapple 0.31's `search` runs the search backend over every model of the registered apps,
drafts included, and its `snippets` returns `objects.all()` of every snippet model, so a
testimonial in moderation would be listed. Both resolvers are replaced here with versions that
apply the same visibility rule as the rest of the site.

Two page links are narrowed the same way. grapple's `parent` on a page and `page` on a redirect
return the linked page whatever its state. A never-published section above a published page, or a
draft that a redirect points to, would show its draft content.

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


def visible_parent(page, info, **kwargs) -> Page | None:
    if page.depth <= 1:
        return None
    # A page's tree path is its parent's path plus one step.
    parent_path = page.path[: -page.steplen]
    return Page.objects.live().public().specific().filter(path=parent_path).first()


def visible_redirect_target(redirect, info, **kwargs) -> Page | None:
    if redirect.redirect_page_id is None:
        return None
    return Page.objects.live().public().specific().filter(pk=redirect.redirect_page_id).first()


def restrict_page_links() -> None:
    # The page and redirect types copy these resolvers when the schema is built, so this runs first.
    from grapple.types.interfaces import PageInterface
    from grapple.types.redirects import RedirectObjectType

    PageInterface.resolve_parent = visible_parent
    RedirectObjectType.resolve_page = visible_redirect_target


def restrict_grapple_collections(query_mixins: list) -> None:
    restrict_page_links()
    for mixin in query_mixins:
        if hasattr(mixin, "resolve_search"):
            mixin.resolve_search = lambda root, info, query=None, **kwargs: (
                visible_search_results(query) if query else []
            )
        if hasattr(mixin, "resolve_snippets"):
            mixin.resolve_snippets = lambda root, info, **kwargs: published_snippets()
