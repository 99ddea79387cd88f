"""Shared plumbing of the customer pages (account, shop, testimonial form).

Pages get their data only from named GraphQL operations run with the request as context, so the
signed-in session user is the API user and the API's authorization applies unchanged.
"""

import functools
import logging
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from website.operations import OperationFailed, run_operation

logger = logging.getLogger(__name__)


def site_chrome(request) -> dict:
    """Navigation and opening hours for the header and footer of base.html."""
    try:
        return run_operation(request, "SiteChrome")
    except OperationFailed:
        return {"siteNavigation": [], "openingHours": None}


def render_customer_page(request, template: str, context: dict, *, status: int = 200) -> TemplateResponse:
    page_data = dict(site_chrome(request))
    page_data.update(context.pop("data", {}) or {})
    response = TemplateResponse(request, template, {"data": page_data, **context}, status=status)
    # Customer pages show personal data: never keep them in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def sign_in_url(next_path: str) -> str:
    return f"{reverse('account:sign_in')}?{urlencode({'next': next_path})}"


def signed_in_required(view):
    """Send a signed-out visitor to the sign-in page, which brings them back afterwards."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(sign_in_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper


def safe_next(request, fallback: str) -> str:
    """Return the `next` target when it stays on this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def run_or_404(request, name: str, variables: dict, field: str):
    """Return one object of an operation, or raise Http404 when the API returns null (missing or another customer's)."""
    data = run_operation(request, name, variables)
    found = data.get(field)
    if found is None:
        logger.info("Operation %s returned no %s for user %s", name, field, request.user.pk)
        raise Http404(f"{name} returned no {field}")
    return found


def mutation_result(request, name: str, variables: dict, field: str) -> dict:
    """Run a mutation and return its payload (`errors` is an empty list on success)."""
    data = run_operation(request, name, variables)
    return data[field] or {"errors": []}
