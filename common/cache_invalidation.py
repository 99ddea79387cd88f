"""Signal handlers that make cached responses stale when what they show changes.

The "content" version covers everything the CMS publishes: pages (publish, unpublish, move,
delete, or a direct save of a live page), testimonials (snippet publish and unpublish),
opening hours settings with their weekly rows and special days, images (title is the alt
text) and sites (host names are part of page URLs). Saving a draft bumps it too, because the
draft save updates the page row; that only costs a cache refill.

The "queue" version covers the public queue board (branches, tickets, rooms) and the "catalog"
version the public product list, which order placement changes through the stock. Stock is
updated with QuerySet.update(), which sends no signal, so the Order save in the same
transaction bumps "catalog" instead.

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
QUEUE = "queue"
CATALOG = "catalog"

# Public CRM root fields and the models whose changes they show. The CRM's other root fields
# (me, orders, staff lists) are per user and never cached, because they are not registered.
CRM_PUBLIC_FIELDS = {
    QUEUE: (["branches", "queueStatus", "roomAvailability"], ["crm.Branch", "crm.QueueTicket", "crm.TreatmentRoom"]),
    CATALOG: (["products", "product"], ["crm.Product", "crm.Order"]),
}


def content_changed(sender, **kwargs) -> None:
    bump_versions_now_and_on_commit(CONTENT)


def queue_changed(sender, **kwargs) -> None:
    bump_versions_now_and_on_commit(QUEUE)


def catalog_changed(sender, **kwargs) -> None:
    bump_versions_now_and_on_commit(CATALOG)


CRM_HANDLERS = {QUEUE: queue_changed, CATALOG: catalog_changed}


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
        connect_model(model, content_changed)

    # Product prices shown publicly can depend on CMS promotions, so CMS content counts too.
    for namespace, (field_names, model_labels) in CRM_PUBLIC_FIELDS.items():
        register_cacheable_fields(field_names, depends_on=(namespace, CONTENT))
        for label in model_labels:
            connect_model(apps.get_model(label), CRM_HANDLERS[namespace])


def connect_model(model, handler) -> None:
    label = model._meta.label
    post_save.connect(handler, sender=model, dispatch_uid=f"amaze-cache-save-{label}-{handler.__name__}")
    post_delete.connect(handler, sender=model, dispatch_uid=f"amaze-cache-delete-{label}-{handler.__name__}")
