import logging

from django.http import Http404
from django.template.response import TemplateResponse

from website.cache import mark_cacheable
from website.operations import run_operation

logger = logging.getLogger(__name__)

# Template for each page type's named operation, which supplies all of the page's data.
TEMPLATE_BY_OPERATION = {
    "HomePage": "website/home.html",
    "ServiceList": "website/service_list.html",
    "ServiceDetail": "website/service_detail.html",
    "PromotionList": "website/promotion_list.html",
    "PromotionDetail": "website/promotion_detail.html",
    "TestimonialList": "website/testimonial_list.html",
    "OpeningHours": "website/opening_hours.html",
}

# The field of each operation that must be present, or the page is not found.
REQUIRED_FIELD_BY_OPERATION = {
    "HomePage": "homePage",
    "ServiceDetail": "service",
    "PromotionDetail": "promotion",
}


def render_page(request, page, preview: bool = False):
    """Render a Wagtail page from its named operation; a preview hands the draft to the resolvers."""
    operation = page.graphql_operation
    variables = page.graphql_variables()
    if operation == "ServiceList":
        variables["category"] = category_from_query(request)

    # Wagtail's serve view enforces a page's view restrictions (password, login, groups) before it
    # calls serve(), so a restricted page that got here reaches its resolvers like a preview does.
    restricted = not preview and page.get_view_restrictions().exists()
    hand_over = preview or restricted
    if hand_over:
        request.amaze_preview_page = page
    try:
        data = run_operation(request, operation, variables)
    finally:
        if hand_over:
            del request.amaze_preview_page

    required = REQUIRED_FIELD_BY_OPERATION.get(operation)
    if required and data.get(required) is None:
        raise Http404(f"{operation} returned no {required}")

    context = {"page_title": page.title, "page_intro": getattr(page, "intro", ""), "data": data, "is_preview": preview}
    response = TemplateResponse(request, TEMPLATE_BY_OPERATION[operation], context)
    if not hand_over:
        mark_cacheable(response)
    return response


def category_from_query(request) -> str | None:
    from cms.models import ServiceCategory

    value = request.GET.get("kategori", "")
    for choice in ServiceCategory:
        if choice.value == value:
            return choice.name
    return None
