"""The entrance kiosk: a walk-in picks a service and gets a printed number.

The tablet is signed in with a front-desk (or dedicated kiosk) staff account, and the
`takeWalkInNumber` operation runs as that account. The API rejects anyone without the right
to hand out numbers. The pages work without JavaScript: choosing a service is a form POST,
and kiosk.js only adds the countdown back to the start screen.
"""

import logging
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from graphql_relay import to_global_id

from crm.permissions import can_take_queue_numbers
from website.operations import OperationFailed, run_operation
from website.views.queue import errors_by_field, ticket_pk, top_level_message

logger = logging.getLogger(__name__)

# Seconds the ticket screen stays before the kiosk returns to its start screen; a tablet may
# set its own with ?kembali=<seconds> within these bounds.
RESET_SECONDS = 30
MIN_RESET_SECONDS, MAX_RESET_SECONDS = 5, 300
# Receipt widths the print stylesheet supports, in millimetres (thermal printer roll widths).
PAPER_WIDTHS = ("58", "80")


def kiosk_sign_in(request):
    """Ask the person setting up the tablet to sign in with a staff account that may hand out numbers."""
    logger.info("Kiosk page %s rejected user %s without queue rights", request.path, request.user.pk)
    login_url = f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.get_full_path()})}"
    context = {"login_url": login_url}
    return TemplateResponse(request, "website/queue/kiosk_sign_in.html", context, status=403)


def kiosk(request, branch: str):
    """Show the service buttons; a POST takes a walk-in number and shows it."""
    if not can_take_queue_numbers(request.user):
        return kiosk_sign_in(request)
    errors: dict[str, list[str]] = {}

    if request.method == "POST":
        variables = {"branch": branch, "serviceSlug": request.POST.get("service") or None}
        try:
            result = run_operation(request, "TakeWalkInNumber", variables)["takeWalkInNumber"]
        except OperationFailed as failure:
            logger.warning("Kiosk walk-in number failed at branch %s: %s", branch, failure)
            errors = {"form": [top_level_message(failure)]}
        else:
            errors = errors_by_field(result["errors"])
            if not errors:
                pk = ticket_pk(result["ticket"]["id"])
                url = reverse("queue:kiosk_ticket", kwargs={"branch": branch, "pk": pk})
                return redirect(f"{url}?{kiosk_query(request)}")

    data = run_operation(request, "KioskPage", {"branch": branch})
    if data["queueStatus"] is None:
        raise Http404("Unknown or closed branch")
    context = {
        "queue": data["queueStatus"],
        "services": data["services"],
        "errors": errors,
        "paper": paper_width(request),
        "reset_seconds": reset_seconds(request),
    }
    return TemplateResponse(request, "website/queue/kiosk.html", context, status=400 if errors else 200)


def kiosk_ticket(request, branch: str, pk: int):
    """Show the number just taken, big and printable, then go back to the start screen."""
    if not can_take_queue_numbers(request.user):
        return kiosk_sign_in(request)
    data = run_operation(request, "QueueTicket", {"id": to_global_id("QueueTicket", str(pk))})
    found = data["queueTicket"]
    if found is None or found["branch"]["code"] != branch:
        raise Http404("No such ticket at this branch")
    start_url = reverse("queue:kiosk", kwargs={"branch": branch})
    context = {
        "ticket": found,
        "paper": paper_width(request),
        "start_url": f"{start_url}?{kiosk_query(request)}",
        "reset_seconds": reset_seconds(request),
    }
    return TemplateResponse(request, "website/queue/kiosk_ticket.html", context)


def paper_width(request) -> str:
    value = request.GET.get("kertas") or request.POST.get("paper") or ""
    return value if value in PAPER_WIDTHS else PAPER_WIDTHS[0]


def reset_seconds(request) -> int:
    value = request.GET.get("kembali") or request.POST.get("reset") or ""
    if not value.isdigit():
        return RESET_SECONDS
    return min(max(int(value), MIN_RESET_SECONDS), MAX_RESET_SECONDS)


def kiosk_query(request) -> str:
    """Return the query string that keeps the tablet's paper width and countdown across screens."""
    return urlencode({"kertas": paper_width(request), "kembali": reset_seconds(request)})
