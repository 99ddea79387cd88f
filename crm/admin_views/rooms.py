"""Rooms board (kamar perawatan): every room of a branch, starting and finishing treatments."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from crm.admin_forms import RoomStatusForm
from crm.admin_views.base import (
    BranchMixin,
    InvalidActionInput,
    ServiceActionView,
    StaffScreenMixin,
    TitleBreadcrumbsMixin,
)
from crm.admin_views.display import visitor_name
from crm.admin_views.queue import REFRESH_SECONDS, LiveBoardMixin
from crm.errors import CrmError
from crm.models import QueueTicket, RoomStatus, TicketStatus, TreatmentRoom
from crm.permissions import can_operate_queue, can_operate_rooms, can_write_treatment_records
from crm.selectors import branch_rooms, todays_queue
from crm.services import set_room_status, start_treatment


def rooms_board_url(branch) -> str:
    url = reverse("crm_admin:rooms_board")
    return f"{url}?branch={branch.code}" if branch is not None else url


class RoomsBoardView(
    BranchMixin, LiveBoardMixin, StaffScreenMixin, TitleBreadcrumbsMixin, WagtailAdminTemplateMixin, View
):
    permission_test = can_operate_rooms
    denied_action = gettext_lazy("use the rooms board")
    page_title = gettext_lazy("Rooms board")
    header_icon = "grid"
    template_name = "crm/admin/rooms/board_page.html"
    board_template_name = "crm/admin/rooms/board.html"

    def get(self, request):
        return self.render_screen(self.get_context_data())

    def get_page_subtitle(self):
        return self.branch.name if self.branch is not None else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            refresh_seconds=REFRESH_SECONDS,
            board_url=rooms_board_url(self.branch),
            can_start=can_operate_rooms(user) and can_operate_queue(user),
            can_write_records=can_write_treatment_records(user),
        )
        if self.branch is None:
            return context
        rooms = list(branch_rooms(branch=self.branch))
        counts = {status: 0 for status in RoomStatus.values}
        for room in rooms:
            counts[room.status] += 1
        context.update(
            rooms=rooms,
            status_counts=[(status, label, counts[status]) for status, label in RoomStatus.choices],
            called_tickets=list(todays_queue(branch=self.branch, statuses=[TicketStatus.CALLED])),
        )
        return context


class RoomActionView(ServiceActionView):
    def get_default_url(self):
        return rooms_board_url(self.room.branch)

    def post(self, request, *args, **kwargs):
        self.room = get_object_or_404(TreatmentRoom.objects.select_related("branch"), pk=kwargs["pk"])
        return super().post(request, *args, **kwargs)


class RoomStatusView(RoomActionView):
    """Mark a cleaned room available, or take a room out of service and back."""

    permission_test = can_operate_rooms
    denied_action = gettext_lazy("change room status")

    def perform(self):
        form = RoomStatusForm(self.request.POST)
        if not form.is_valid():
            raise CrmError("choice_invalid", field="status", value=self.request.POST.get("status", ""))
        room = set_room_status(actor=self.request.user, room=self.room, status=form.cleaned_data["status"])
        return _("%(room)s is now “%(status)s”.") % {"room": room.name, "status": room.get_status_display()}


class RoomStartTreatmentView(RoomActionView):
    """Start the treatment of a called customer in this room (the rooms board's way in)."""

    permission_test = can_operate_rooms
    denied_action = gettext_lazy("start or finish treatments")

    def perform(self):
        ticket_id = self.request.POST.get("ticket", "")
        ticket = QueueTicket.objects.select_related("customer").filter(pk=ticket_id).first() if ticket_id.isdigit() else None
        if ticket is None:
            raise InvalidActionInput(_("Choose a called customer."))
        ticket = start_treatment(actor=self.request.user, ticket=ticket, room=self.room)
        return _("%(number)s (%(name)s) is being treated in %(room)s.") % {
            "number": ticket.display_number,
            "name": visitor_name(ticket),
            "room": self.room.name,
        }
