"""Queue desk (antrian): today's tickets of a branch, taking numbers, calling and sending to rooms."""


from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from crm.admin_forms import SendToRoomForm, TakeNumberForm, TicketStatusForm
from crm.admin_views.base import (
    BranchMixin,
    InvalidActionInput,
    ServiceActionView,
    StaffScreenMixin,
    TitleBreadcrumbsMixin,
    is_background_request,
    reject_request,
    show_rejection,
)
from crm.admin_views.display import visitor_name
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer, QueueTicket, RoomStatus, TicketStatus, TreatmentRoom
from crm.permissions import can_operate_queue, can_operate_rooms, can_take_queue_numbers, can_write_treatment_records
from crm.selectors import estimate_wait_minutes, queue_board, rooms_by_status
from crm.services import (
    call_next_ticket,
    finish_treatment,
    recall_ticket,
    set_ticket_status,
    start_treatment,
    take_queue_number,
)

# Seconds between refreshes of the live part of the queue desk and the rooms board.
REFRESH_SECONDS = 15
CLOSED_STATUSES = (TicketStatus.DONE, TicketStatus.CANCELLED, TicketStatus.NO_SHOW)


def queue_desk_url(branch) -> str:
    url = reverse("crm_admin:queue_desk")
    return f"{url}?branch={branch.code}" if branch is not None else url


class LiveBoardMixin:
    """Serve only the live part of a screen to its auto-refresh script (`?fragment=board`)."""

    board_template_name = None

    def is_board_refresh(self) -> bool:
        return self.request.GET.get("fragment") == "board" and is_background_request(self.request)

    def render_screen(self, context):
        template = self.board_template_name if self.is_board_refresh() else self.get_template_names()
        return TemplateResponse(self.request, template, context)


class QueueDeskView(
    BranchMixin, LiveBoardMixin, StaffScreenMixin, TitleBreadcrumbsMixin, WagtailAdminTemplateMixin, View
):
    permission_test = can_operate_queue
    denied_action = gettext_lazy("use the queue desk")
    page_title = gettext_lazy("Queue desk")
    header_icon = "list-ol"
    template_name = "crm/admin/queue/desk.html"
    board_template_name = "crm/admin/queue/board.html"

    def get(self, request):
        form = None
        if can_take_queue_numbers(request.user):
            # The customer profile's "Take a number" button links here with ?customer=<id>.
            customer_id = request.GET.get("customer", "")
            customer = Customer.objects.filter(pk=customer_id).first() if customer_id.isdigit() else None
            form = TakeNumberForm(initial={"customer": customer})
        return self.render_screen(self.get_context_data(take_number_form=form))

    def post(self, request):
        """Take a number for a walk-in or a registered customer."""
        form = TakeNumberForm(request.POST)
        if form.is_valid() and self.branch is not None:
            try:
                ticket = take_queue_number(
                    actor=request.user,
                    branch=self.branch,
                    customer=form.cleaned_data["customer"],
                    walk_in_name=form.cleaned_data["walk_in_name"],
                    service=form.cleaned_data["service"],
                    notes=form.cleaned_data["notes"],
                )
            except CrmPermissionDenied as error:
                return reject_request(request, error)
            except CrmError as error:
                show_rejection(request, error, form)
            else:
                self.report_new_ticket(ticket)
                return redirect(queue_desk_url(self.branch))
        elif not form.is_valid():
            messages.error(request, _("The number was not taken; check the fields marked below."))
        return self.render_screen(self.get_context_data(take_number_form=form))

    def report_new_ticket(self, ticket: QueueTicket) -> None:
        wait = estimate_wait_minutes(ticket)
        messages.success(
            self.request,
            _("Number %(number)s taken for %(name)s. Estimated wait: about %(minutes)s minutes.")
            % {"number": ticket.display_number, "name": visitor_name(ticket), "minutes": wait if wait is not None else "–"},
        )

    def get_page_subtitle(self):
        return self.branch.name if self.branch is not None else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            refresh_seconds=REFRESH_SECONDS,
            desk_url=queue_desk_url(self.branch),
            can_take_numbers=can_take_queue_numbers(user),
            can_send_to_room=can_operate_rooms(user),
            can_write_records=can_write_treatment_records(user),
        )
        if self.branch is not None:
            context.update(self.board_context())
        return context

    def board_context(self) -> dict:
        entries = queue_board(branch=self.branch)
        by_status = {status: [] for status in TicketStatus.values}
        for entry in entries:
            by_status[entry.ticket.status].append(entry)
        closed = [entry for status in CLOSED_STATUSES for entry in by_status[status]]
        closed.sort(key=lambda entry: entry.ticket.status_changed_at or entry.ticket.created_at, reverse=True)
        waiting = by_status[TicketStatus.WAITING]
        return {
            "called": by_status[TicketStatus.CALLED],
            "in_treatment": by_status[TicketStatus.IN_TREATMENT],
            "waiting": waiting,
            "skipped": by_status[TicketStatus.SKIPPED],
            "closed": closed,
            "waiting_prefixes": sorted({entry.ticket.prefix for entry in waiting}),
            "available_rooms": rooms_by_status(branch=self.branch)[RoomStatus.AVAILABLE],
            "ticket_count": len(entries),
        }


class CallNextView(BranchMixin, ServiceActionView):
    permission_test = can_operate_queue
    denied_action = gettext_lazy("call the queue")

    def get_default_url(self):
        return queue_desk_url(self.branch)

    def perform(self):
        if self.branch is None:
            raise Http404("No active branch")
        prefix = self.request.POST.get("prefix") or None
        ticket = call_next_ticket(actor=self.request.user, branch=self.branch, prefix=prefix)
        return _("Now calling %(number)s: %(name)s.") % {"number": ticket.display_number, "name": visitor_name(ticket)}


class TicketActionView(ServiceActionView):
    """An action on one ticket; afterwards staff return to the screen they came from."""

    permission_test = can_operate_queue
    denied_action = gettext_lazy("change the queue")

    def get_ticket(self) -> QueueTicket:
        return get_object_or_404(QueueTicket.objects.select_related("customer", "branch"), pk=self.kwargs["pk"])

    def get_default_url(self):
        return queue_desk_url(self.ticket.branch)

    def post(self, request, *args, **kwargs):
        self.ticket = self.get_ticket()
        return super().post(request, *args, **kwargs)


class RecallTicketView(TicketActionView):
    def perform(self):
        ticket = recall_ticket(actor=self.request.user, ticket=self.ticket)
        return _("Calling %(number)s again: %(name)s.") % {
            "number": ticket.display_number,
            "name": visitor_name(self.ticket),
        }


class TicketStatusView(TicketActionView):
    """Skip, no-show, cancel or back to waiting; the service decides which change is allowed."""

    def perform(self):
        form = TicketStatusForm(self.request.POST)
        if not form.is_valid():
            raise CrmError("choice_invalid", field="status", value=self.request.POST.get("status", ""))
        ticket = set_ticket_status(
            actor=self.request.user, ticket=self.ticket, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
        return _("Ticket %(number)s is now “%(status)s”.") % {
            "number": ticket.display_number,
            "status": ticket.get_status_display(),
        }


class StartTreatmentView(TicketActionView):
    """Send a called customer to a free room."""

    permission_test = can_operate_rooms
    denied_action = gettext_lazy("start or finish treatments")

    def perform(self):
        form = SendToRoomForm(self.request.POST)
        if not form.is_valid():
            raise InvalidActionInput(form.errors["room"][0])
        room: TreatmentRoom = form.cleaned_data["room"]
        ticket = start_treatment(actor=self.request.user, ticket=self.ticket, room=room)
        return _("%(number)s (%(name)s) is being treated in %(room)s.") % {
            "number": ticket.display_number,
            "name": visitor_name(self.ticket),
            "room": room.name,
        }


class FinishTreatmentView(TicketActionView):
    permission_test = can_operate_rooms
    denied_action = gettext_lazy("start or finish treatments")

    def perform(self):
        ticket = finish_treatment(actor=self.request.user, ticket=self.ticket)
        return _("Treatment of %(number)s finished; the room is marked for cleaning.") % {
            "number": ticket.display_number
        }
