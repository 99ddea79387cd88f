"""Customer queue pages: take a number, follow your ticket, see free treatment rooms.

Every piece of data comes from a named operation in graphql/queries/, run with the visitor's
request, so the API's rules (who may take or see a ticket) are the page's rules too.
"""

import logging
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from graphql_relay import from_global_id, to_global_id

from website.operations import OperationFailed, run_operation

logger = logging.getLogger(__name__)

# Statuses after which a ticket no longer moves; the ticket page stops polling for them.
CLOSED_STATUSES = ("done", "cancelled", "no_show")
# The account pages own this path; a signed-out visitor comes back through `next`.
SIGN_IN_PATH = "/akun/masuk/"


def language_prefix() -> str:
    """Return the URL prefix of the active language: empty for Indonesian, `/en` for English."""
    return "/en" if translation.get_language() == "en" else ""


def sign_in_url(next_path: str) -> str:
    return f"{language_prefix()}{SIGN_IN_PATH}?{urlencode({'next': next_path})}"


def ticket_pk(global_id: str) -> int | None:
    """Return the primary key inside a QueueTicket id from the API, for the page URL."""
    try:
        type_name, raw_pk = from_global_id(global_id)
    except Exception:  # graphql-relay raises several kinds of errors on malformed base64
        return None
    return int(raw_pk) if type_name == "QueueTicket" and raw_pk.isdigit() else None


def errors_by_field(errors: list[dict]) -> dict[str, list[str]]:
    """Group a mutation's `errors` by input field; errors about the whole input go under `form`."""
    grouped: dict[str, list[str]] = {}
    for error in errors:
        grouped.setdefault(error.get("field") or "form", []).append(error["message"])
    return grouped


def top_level_message(failure: OperationFailed) -> str:
    """Turn an operation's top-level GraphQL error (not signed in, forbidden) into page text."""
    codes = {(error.extensions or {}).get("code") for error in failure.errors}
    if "UNAUTHENTICATED" in codes:
        return gettext("Please sign in first.")
    if "FORBIDDEN" in codes:
        return gettext("This account cannot take a queue number online. Please ask at the front desk.")
    return gettext("Something went wrong on our side. Please try again in a moment.")


def take_number(request):
    """Show the take-a-number form; a signed-in customer's POST takes the number."""
    data = run_operation(request, "QueuePage")
    branches = data["branches"]
    selected_branch = request.POST.get("branch") or request.GET.get("cabang") or (branches[0]["code"] if branches else "")
    selected_service = request.POST.get("service", "")
    errors: dict[str, list[str]] = {}

    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(sign_in_url(request.path))
        variables = {"branch": selected_branch, "serviceSlug": selected_service or None}
        try:
            result = run_operation(request, "TakeQueueNumber", variables)["takeQueueNumber"]
        except OperationFailed as failure:
            logger.info("Online queue number rejected for user %s: %s", request.user.pk, failure)
            errors = {"form": [top_level_message(failure)]}
        else:
            errors = errors_by_field(result["errors"])
            if not errors:
                pk = ticket_pk(result["ticket"]["id"])
                return redirect(reverse("queue:ticket", kwargs={"pk": pk}))

    my_tickets = []
    if request.user.is_authenticated:
        try:
            my_tickets = run_operation(request, "MyQueueTickets")["me"]["queueTickets"]
        except OperationFailed:
            my_tickets = []
    open_tickets = [
        {**ticket, "pk": ticket_pk(ticket["id"])} for ticket in my_tickets if ticket["status"] not in CLOSED_STATUSES
    ]

    context = {
        "data": data,
        "branches": branches,
        "services": data["services"],
        "selected_branch": selected_branch,
        "selected_service": selected_service,
        "errors": errors,
        "open_tickets": open_tickets,
        "sign_in_url": sign_in_url(request.path),
    }
    status = 400 if errors else 200
    return TemplateResponse(request, "website/queue/take_number.html", context, status=status)


@ensure_csrf_cookie
def ticket(request, pk: int):
    """Show one of the visitor's tickets with its live place in line; POST cancels it."""
    if not request.user.is_authenticated:
        return redirect(sign_in_url(request.path))
    ticket_id = to_global_id("QueueTicket", str(pk))
    errors: dict[str, list[str]] = {}

    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            result = run_operation(request, "CancelQueueTicket", {"id": ticket_id})["cancelQueueTicket"]
        except OperationFailed as failure:
            logger.info("Cancelling ticket %s failed for user %s: %s", pk, request.user.pk, failure)
            errors = {"form": [top_level_message(failure)]}
        else:
            errors = errors_by_field(result["errors"])
            if not errors:
                return redirect(request.path)

    data = run_operation(request, "QueueTicket", {"id": ticket_id})
    found = data["queueTicket"]
    if found is None:
        # Someone else's ticket looks exactly like a missing one.
        raise Http404("No visible queue ticket with this id")
    status = None
    if found["status"] not in CLOSED_STATUSES:
        status = run_operation(request, "QueueStatus", {"branch": found["branch"]["code"]})["queueStatus"]

    context = {
        "data": data,
        "ticket": found,
        "queue": status,
        "ticket_id": ticket_id,
        "is_closed": found["status"] in CLOSED_STATUSES,
        "can_cancel": found["status"] == "waiting",
        "errors": errors,
    }
    return TemplateResponse(request, "website/queue/ticket.html", context, status=400 if errors else 200)


def rooms(request):
    """Show how many treatment rooms of each kind are free now at one branch."""
    branches = run_operation(request, "Branches")["branches"]
    codes = [branch["code"] for branch in branches]
    selected = request.GET.get("cabang") or (codes[0] if codes else "")
    if selected not in codes:
        raise Http404("Unknown or closed branch")
    data = run_operation(request, "RoomsPage", {"branch": selected})
    availability = data["roomAvailability"]
    context = {
        "data": data,
        "branches": data["branches"],
        "selected_branch": selected,
        "branch_name": next(branch["name"] for branch in branches if branch["code"] == selected),
        "kinds": [kind for kind in availability["byKind"] if kind["total"]],
        "available_total": sum(kind["available"] for kind in availability["byKind"]),
        "total": availability["total"],
    }
    return TemplateResponse(request, "website/queue/rooms.html", context)
