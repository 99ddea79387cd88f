"""The floor of scenario 2: the service list as plain Django JSON with the fewest queries.

It returns the same fields as the benchmark's GraphQL document and Wagtail API request, so the
three differ only in the machinery around the data. Mounted only in bench mode (bench.urls).
"""

from django.db.models import Prefetch
from django.http import JsonResponse
from wagtail.images import get_image_model

from cms.models import ServiceCategory, ServicePage
from cms.schema.types import service_price_display
from common.money import format_rupiah

THUMBNAIL_FILTER = "fill-400x300"


def thumbnail(service) -> dict | None:
    image = service.main_image
    if image is None:
        return None
    rendition = image.get_rendition(THUMBNAIL_FILTER)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": service.title}


def service_list(request):
    """Return every live, public service: 3 queries (view restrictions, services, renditions)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_FILTER)
    services = (
        ServicePage.objects.live()
        .public()
        .select_related("main_image")
        .prefetch_related(Prefetch("main_image__renditions", queryset=renditions))
        .order_by("category", "title")
    )
    data = [
        {
            "slug": service.slug,
            "url": service.get_url(request=request),
            "name": service.title,
            "summary": service.summary,
            "category": service.category,
            "categoryLabel": str(ServiceCategory(service.category).label),
            "durationMinutes": service.duration_minutes,
            "price": {
                "display": service_price_display(service),
                "min": {"amount": str(service.price), "display": format_rupiah(service.price)},
            },
            "mainImage": thumbnail(service),
        }
        for service in services
    ]
    return JsonResponse({"services": data})
