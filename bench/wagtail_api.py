"""Wagtail's built-in REST API v2 (pages endpoint) for scenario 2, mounted only in bench mode.

ServicePage declares no `api_fields`, so the endpoint here adds the fields the benchmark's
GraphQL document selects, which makes the three sides return the same data.
"""

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from cms.models import ServicePage

SERVICE_API_FIELDS = [
    APIField("summary"),
    APIField("category"),
    APIField("price"),
    APIField("price_max"),
    APIField("price_is_from"),
    APIField("duration_minutes"),
    APIField("main_image_thumbnail", serializer=ImageRenditionField("fill-400x300", source="main_image")),
]


class BenchPagesAPIViewSet(PagesAPIViewSet):
    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, ServicePage):
            fields += cls._convert_api_fields(SERVICE_API_FIELDS)
        return fields


api_router = WagtailAPIRouter("bench_wagtail_api")
api_router.register_endpoint("pages", BenchPagesAPIViewSet)
