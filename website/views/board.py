"""The waiting-room screen (a TV in the clinic): numbers being served, refreshed by board.js."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.csrf import ensure_csrf_cookie

from website.operations import run_operation

# How often the screen polls the queue, in seconds; a called number shows up within this time.
POLL_SECONDS = 5


@ensure_csrf_cookie
def board(request, branch: str):
    data = run_operation(request, "QueueBoard", {"branch": branch})
    if data["queueStatus"] is None:
        raise Http404("Unknown or closed branch")
    promotions = data["activePromotions"]
    context = {
        "data": data,
        "queue": data["queueStatus"],
        "hours": data["openingHours"],
        "promotion": promotions[0] if promotions else None,
        "branch_code": data["queueStatus"]["branch"]["code"],
        "poll_seconds": POLL_SECONDS,
    }
    return TemplateResponse(request, "website/queue/board.html", context)
