"""The floors: plain Django JSON views that run the fewest queries for a scenario's data.

Each returns the same fields as the benchmark's GraphQL document for that scenario, so the two
differ only in the machinery around the data. Mounted only in bench mode (bench.urls).
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


def money(amount) -> dict:
    return {"amount": str(amount), "display": format_rupiah(amount)}


def my_orders(request):
    """Return the signed-in customer's 20 newest orders with items: 3 queries after authentication.

    The queries are the customer, the orders joined with their branch, and the items.
    """
    from django.utils.translation import gettext

    from crm.models import Customer, Order, OrderStatus

    if not request.user.is_authenticated:
        return JsonResponse({"error": gettext("Sign in to see your orders.")}, status=401)
    customer = Customer.objects.filter(user=request.user).first()
    if customer is None:
        return JsonResponse({"orders": []})
    orders = (
        Order.objects.filter(customer=customer)
        .select_related("branch")
        .prefetch_related("items")
        .order_by("-placed_at", "-pk")[:20]
    )
    data = [
        {
            "number": order.number,
            "status": order.status,
            "statusLabel": str(OrderStatus(order.status).label),
            "placedAt": order.placed_at.isoformat(),
            "total": money(order.total),
            "subtotal": {"amount": str(order.subtotal)},
            "branch": {"name": order.branch.name},
            "items": [
                {
                    "productName": item.product_name,
                    "sku": item.product_sku,
                    "quantity": item.quantity,
                    "unitPrice": money(item.unit_price),
                    "lineSubtotal": {"amount": str(item.line_subtotal)},
                }
                for item in order.items.all()
            ],
        }
        for order in orders
    ]
    return JsonResponse({"orders": data})
