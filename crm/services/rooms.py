"""Treatment rooms: starting and finishing treatments, and the room status board.

Room lifecycle: available → occupied (start_treatment) → cleaning (finish_treatment) →
available (staff). Any room that is not occupied may be taken out of service and brought back.
Locks are always taken room first, then ticket, so concurrent starts and finishes cannot deadlock.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.errors import CrmError
from crm.models import QueueTicket, RoomStatus, TicketStatus, TreatmentRoom
from crm.permissions import can_operate_queue, can_operate_rooms, require
from crm.services._common import lock, validate_choice
from crm.services.queue import check_transition, record_status_change, require_today

logger = logging.getLogger(__name__)

# Changes staff make by hand; occupied is entered and left only through treatments.
MANUAL_ROOM_TRANSITIONS = {
    RoomStatus.AVAILABLE: {RoomStatus.OUT_OF_SERVICE},
    RoomStatus.CLEANING: {RoomStatus.AVAILABLE, RoomStatus.OUT_OF_SERVICE},
    RoomStatus.OUT_OF_SERVICE: {RoomStatus.AVAILABLE},
    RoomStatus.OCCUPIED: set(),
}


def _require_treatment_rights(actor) -> None:
    require(actor, can_operate_rooms(actor) and can_operate_queue(actor), _("start or finish treatments"))


@transaction.atomic
def start_treatment(*, actor, ticket: QueueTicket, room: TreatmentRoom) -> QueueTicket:
    """Send a called customer to a free room: the room becomes occupied, the ticket in_treatment."""
    _require_treatment_rights(actor)
    room = lock(TreatmentRoom, room.pk, label=_("treatment room"))
    ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
    if room.branch_id != ticket.branch_id:
        raise CrmError("room_other_branch", field="room", room=room.name, ticket=ticket.display_number)
    check_transition(ticket, TicketStatus.IN_TREATMENT)
    require_today(ticket)
    if room.status != RoomStatus.AVAILABLE:
        raise CrmError("room_not_available", field="room", room=room.name, status=RoomStatus(room.status).label)

    now = timezone.now()
    room.status = RoomStatus.OCCUPIED
    room.current_ticket = ticket
    room.status_changed_at = now
    room.save(update_fields=["status", "current_ticket", "status_changed_at"])

    record_status_change(ticket, TicketStatus.IN_TREATMENT, actor=actor, now=now, note=room.name)
    ticket.room = room
    ticket.treatment_started_at = now
    ticket.save(update_fields=["status", "status_changed_at", "room", "treatment_started_at"])
    logger.info("Treatment of ticket %s started in room %s", ticket.pk, room.pk)
    return ticket


@transaction.atomic
def finish_treatment(*, actor, ticket: QueueTicket) -> QueueTicket:
    """Mark the treatment done and leave its room for cleaning."""
    _require_treatment_rights(actor)
    room_id = QueueTicket.objects.filter(pk=ticket.pk).values_list("room_id", flat=True).first()
    room = lock(TreatmentRoom, room_id, label=_("treatment room")) if room_id else None
    ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
    check_transition(ticket, TicketStatus.DONE)

    now = timezone.now()
    record_status_change(ticket, TicketStatus.DONE, actor=actor, now=now)
    ticket.treatment_finished_at = now
    ticket.save(update_fields=["status", "status_changed_at", "treatment_finished_at"])

    if room is not None and room.current_ticket_id == ticket.pk:
        room.status = RoomStatus.CLEANING
        room.current_ticket = None
        room.status_changed_at = now
        room.save(update_fields=["status", "current_ticket", "status_changed_at"])
    logger.info("Treatment of ticket %s finished in room %s", ticket.pk, room_id)
    return ticket


@transaction.atomic
def set_room_status(*, actor, room: TreatmentRoom, status: str) -> TreatmentRoom:
    """Mark a room available after cleaning, or take it out of service and back."""
    require(actor, can_operate_rooms(actor), _("change room status"))
    validate_choice(status, RoomStatus, field="status")
    room = lock(TreatmentRoom, room.pk, label=_("treatment room"))
    if status not in MANUAL_ROOM_TRANSITIONS[RoomStatus(room.status)]:
        raise CrmError(
            "room_status_invalid",
            field="status",
            room=room.name,
            from_status=RoomStatus(room.status).label,
            to_status=RoomStatus(status).label,
        )
    room.status = status
    room.status_changed_at = timezone.now()
    room.save(update_fields=["status", "status_changed_at"])
    logger.info("Room %s set to %s by user %s", room.pk, status, actor.pk)
    return room
