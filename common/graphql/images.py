"""Image renditions over GraphQL, limited to an allow-list of filter specs.

Clients pick a size from the `ImageFilter` enum; any other spec cannot be expressed, so nobody
can make the server render arbitrary sizes.
"""

import logging

import graphene
from django.conf import settings

logger = logging.getLogger(__name__)


def _enum_name(filter_spec: str) -> str:
    return filter_spec.upper().replace("-", "_")


ImageFilter = graphene.Enum(
    "ImageFilter",
    [(_enum_name(spec), spec) for spec in settings.AMAZE_IMAGE_FILTERS],
    description="Allowed rendition sizes, as Wagtail filter specs (e.g. FILL_800X600 is fill-800x600).",
)


class ImageRendition(graphene.ObjectType):
    """A resized copy of an uploaded image."""

    url = graphene.String(required=True, description="Absolute path or URL of the rendition file.")
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = graphene.String(required=True, description="Text alternative for screen readers.")


def filter_spec(value) -> str:
    return getattr(value, "value", value)


def rendition_for(image, spec_value, alt: str = "") -> ImageRendition | None:
    """Return the rendition of `image` for an allowed spec, or None when there is no image."""
    if image is None:
        return None
    spec = filter_spec(spec_value)
    if spec not in settings.AMAZE_IMAGE_FILTERS:
        raise ValueError(f"Image filter {spec!r} is not allowed.")
    rendition = image.get_rendition(spec)
    return ImageRendition(
        url=rendition.url, width=rendition.width, height=rendition.height, alt=alt or image.title
    )


def image_field(description: str) -> graphene.Field:
    return graphene.Field(
        ImageRendition,
        filter=graphene.Argument(ImageFilter, required=True),
        description=description,
    )
