"""Signal handlers that make cached responses stale when what they show changes.

The "content" version covers everything the CMS publishes: pages (publish, unpublish, move,
delete, or a direct save of a live page), testimonials (snippet publish and unpublish),
opening hours settings with their weekly rows and special days, images (title is the alt
text) and sites (host names are part of page URLs). Saving a draft bumps it too, because the
draft save updates the page row; that only costs a cache refill.

`connect()` runs once from CommonConfig.ready().
"""

import logging

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from graphene.types.mountedtype import MountedType
from graphene.types.unmountedtype import UnmountedType
from graphene.utils.str_converters import to_camel_case
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from common.graphql.cache import bump_versions_now_and_on_commit, register_cacheable_fields

logger = logging.getLogger(__name__)

CONTENT = "content"


def content_changed(sender, **kwargs) -> None:
    bump_versions_now_and_on_commit(CONTENT)


def cms_root_field_names() -> list[str]:
    """Return the GraphQL names of CmsQuery's root fields, which are all public content."""
    from cms.schema.queries import CmsQuery

    return [
        to_camel_case(name)
        for name, value in vars(CmsQuery).items()
        if isinstance(value, (MountedType, UnmountedType))
    ]


def content_models() -> list:
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    return [*apps.get_app_config("cms").get_models(), Page, Site, get_image_model()]


def connect() -> None:
    register_cacheable_fields(cms_root_field_names(), depends_on=(CONTENT,))

    wagtail_signals = {
        "page_published": page_published,
        "page_unpublished": page_unpublished,
        "post_page_move": post_page_move,
        "published": published,
        "unpublished": unpublished,
    }
    for name, signal in wagtail_signals.items():
        signal.connect(content_changed, dispatch_uid=f"amaze-cache-{name}")
    # Direct saves and deletes that bypass publishing, e.g. inline rows of a settings form.
    for model in content_models():
        post_save.connect(content_changed, sender=model, dispatch_uid=f"amaze-cache-save-{model._meta.label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"amaze-cache-delete-{model._meta.label}")
