import logging

from django.template.response import TemplateResponse

from website.operations import OperationFailed, run_operation

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    try:
        data = run_operation(request, "SiteChrome")
    except OperationFailed:
        data = {"siteNavigation": [], "openingHours": None}
    response = TemplateResponse(request, "404.html", {"data": data}, status=404)
    return response.render()
