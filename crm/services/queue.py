"""The queue (antrian): taking numbers, calling and the ticket lifecycle.

Lifecycle: waiting → called → in_treatment → done. A called ticket may be skipped (and later
called again or put back to waiting), marked no_show or cancelled; a waiting ticket may be
cancelled. Moving into or out of in_treatment also moves a room, so only crm.services.rooms
does that.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import QUEUE_PREFIX_BY_CATEGORY, ServicePage
from crm.errors import CrmError
from crm.models import Branch, Customer, QueueCounter, QueueTicket, QueueTicketStatusChange, TicketSource, TicketStatus
from crm.models.queue import queue_prefix_validator
from crm.permissions import can_operate_queue, can_take_queue_numbers, is_customer_account_of, require
from crm.services._common import lock, validate_choice

logger = logging.getLogger(__name__)

# Prefix for tickets without a requested service ("umum", general).
GENERAL_QUEUE_PREFIX = "U"

ALLOWED_TRANSITIONS = {
    TicketStatus.WAITING: {TicketStatus.CALLED, TicketStatus.CANCELLED},
    TicketStatus.CALLED: {
        TicketStatus.CALLED,  # recall
        TicketStatus.IN_TREATMENT,
        TicketStatus.SKIPPED,
        TicketStatus.NO_SHOW,
        TicketStatus.CANCELLED,
    },
    TicketStatus.SKIPPED: {TicketStatus.CALLED, TicketStatus.WAITING, TicketStatus.NO_SHOW, TicketStatus.CANCELLED},
    TicketStatus.IN_TREATMENT: {TicketStatus.DONE},
    TicketStatus.DONE: set(),
    TicketStatus.CANCELLED: set(),
    TicketStatus.NO_SHOW: set(),
}
ROOM_STATUSES = {TicketStatus.IN_TREATMENT, TicketStatus.DONE}
# Tickets that end without a treatment; a voucher redeemed on them is given back.
ABANDONED_STATUSES = {TicketStatus.CANCELLED, TicketStatus.NO_SHOW}


def queue_prefix_for(service: ServicePage | None) -> str:
    if service is None:
        return GENERAL_QUEUE_PREFIX
    return QUEUE_PREFIX_BY_CATEGORY.get(service.category, GENERAL_QUEUE_PREFIX)


def check_transition(ticket: QueueTicket, to_status: str) -> None:
    if to_status not in ALLOWED_TRANSITIONS[TicketStatus(ticket.status)]:
        raise CrmError(
            "ticket_status_invalid",
            field="status",
            ticket=ticket.display_number,
            from_status=TicketStatus(ticket.status).label,
            to_status=TicketStatus(to_status).label,
        )


def record_status_change(ticket: QueueTicket, to_status: str, *, actor, now, note: str = "") -> None:
    """Set the ticket's status and append the change to its history; the caller holds the lock."""
    from_status = ticket.status
    ticket.status = to_status
    ticket.status_changed_at = now
    QueueTicketStatusChange.objects.create(
        ticket=ticket, from_status=from_status, to_status=to_status, changed_at=now, changed_by=actor, note=note
    )
    logger.info("Ticket %s: %s -> %s by user %s", ticket.pk, from_status or "-", to_status, getattr(actor, "pk", None))


def _next_number(branch: Branch, service_date, prefix: str) -> int:
    # ON CONFLICT DO NOTHING creates the day's counter once even when many requests race;
    # the row lock then hands out numbers one at a time. The ticket is inserted in the same
    # transaction, so a failed insert rolls the counter back and leaves no gap.
    QueueCounter.objects.bulk_create(
        [QueueCounter(branch=branch, service_date=service_date, prefix=prefix)], ignore_conflicts=True
    )
    counter = QueueCounter.objects.select_for_update().get(branch=branch, service_date=service_date, prefix=prefix)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _clean_prefix(prefix: str) -> str:
    value = str(prefix or "").strip().upper()
    try:
        queue_prefix_validator(value)
    except ValidationError:
        raise CrmError("queue_prefix_invalid", field="prefix", value=prefix) from None
    return value


@transaction.atomic
def take_queue_number(
    *,
    actor,
    branch: Branch,
    customer: Customer | None = None,
    walk_in_name: str = "",
    service: ServicePage | None = None,
    prefix: str | None = None,
    source: str = TicketSource.WALK_IN,
    notes: str = "",
) -> QueueTicket:
    """Hand out the next number of today (Asia/Jakarta) for the branch and the service's prefix.

    Front desk takes numbers for anyone; a customer signed in online takes one for themselves.
    """
    online_self_service = source == TicketSource.ONLINE and is_customer_account_of(actor, customer)
    require(actor, can_take_queue_numbers(actor) or online_self_service, _("take queue numbers"))
    validate_choice(source, TicketSource, field="source")
    if not branch.is_active:
        raise CrmError("branch_inactive", field="branch", branch=branch.name)
    walk_in_name = " ".join(str(walk_in_name or "").split())
    if customer is None and not walk_in_name:
        raise CrmError("visitor_required", field="customer")
    if service is not None and not service.live:
        raise CrmError("service_unavailable", field="service", service=service.title)
    prefix = _clean_prefix(prefix) if prefix else queue_prefix_for(service)

    now = timezone.now()
    service_date = timezone.localdate(now)
    ticket = QueueTicket(
        branch=branch,
        service_date=service_date,
        prefix=prefix,
        number=_next_number(branch, service_date, prefix),
        customer=customer,
        walk_in_name=walk_in_name,
        service=service,
        service_name=service.title if service else "",
        service_price=service.price if service else None,
        service_duration_minutes=service.duration_minutes if service else None,
        source=source,
        notes=str(notes or "").strip(),
        created_by=actor,
        status_changed_at=now,
    )
    ticket.save()
    QueueTicketStatusChange.objects.create(
        ticket=ticket, from_status="", to_status=TicketStatus.WAITING, changed_at=now, changed_by=actor
    )
    logger.info("Ticket %s (%s) taken at branch %s by user %s", ticket.pk, ticket.display_number, branch.pk, actor.pk)
    return ticket


def require_today(ticket: QueueTicket) -> None:
    if ticket.service_date != timezone.localdate():
        raise CrmError("ticket_not_today", ticket=ticket.display_number, date=ticket.service_date.isoformat())


@transaction.atomic
def call_next_ticket(*, actor, branch: Branch, prefix: str | None = None) -> QueueTicket:
    """Call the longest-waiting ticket of today; cancelled and skipped tickets are passed over.

    Two desks calling at once get different tickets: a ticket another desk has locked is skipped.
    """
    require(actor, can_operate_queue(actor), _("call the queue"))
    waiting = QueueTicket.objects.filter(branch=branch, service_date=timezone.localdate(), status=TicketStatus.WAITING)
    if prefix:
        waiting = waiting.filter(prefix=_clean_prefix(prefix))
    ticket = waiting.select_for_update(skip_locked=True).order_by("created_at", "pk").first()
    if ticket is None:
        raise CrmError("queue_empty")
    now = timezone.now()
    record_status_change(ticket, TicketStatus.CALLED, actor=actor, now=now)
    ticket.called_at = now
    ticket.save(update_fields=["status", "status_changed_at", "called_at"])
    return ticket


@transaction.atomic
def recall_ticket(*, actor, ticket: QueueTicket) -> QueueTicket:
    """Call a called or skipped ticket again (the history records the recall)."""
    require(actor, can_operate_queue(actor), _("call the queue"))
    ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
    require_today(ticket)
    check_transition(ticket, TicketStatus.CALLED)
    now = timezone.now()
    record_status_change(ticket, TicketStatus.CALLED, actor=actor, now=now, note="recall")
    ticket.called_at = now
    ticket.save(update_fields=["status", "status_changed_at", "called_at"])
    return ticket


def skip_ticket(*, actor, ticket: QueueTicket, note: str = "") -> QueueTicket:
    """Pass over a called customer who did not come forward; they can be recalled later."""
    return set_ticket_status(actor=actor, ticket=ticket, status=TicketStatus.SKIPPED, note=note)


@transaction.atomic
def set_ticket_status(*, actor, ticket: QueueTicket, status: str, note: str = "") -> QueueTicket:
    """Move a ticket along its lifecycle; in_treatment and done go through the room services.

    A customer may cancel their own waiting online ticket. Cancelling or a no-show releases a
    voucher redeemed on the ticket.
    """
    validate_choice(status, TicketStatus, field="status")
    own_cancellation = status == TicketStatus.CANCELLED and is_customer_account_of(actor, ticket.customer)
    require(actor, can_operate_queue(actor) or own_cancellation, _("change the queue"))
    if status in ROOM_STATUSES:
        raise CrmError(
            "ticket_status_needs_room", field="status", ticket=ticket.display_number, to_status=TicketStatus(status).label
        )

    ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
    if own_cancellation and not can_operate_queue(actor) and ticket.status != TicketStatus.WAITING:
        raise CrmError("ticket_closed", ticket=ticket.display_number, status=TicketStatus(ticket.status).label)
    check_transition(ticket, status)
    if status in (TicketStatus.CALLED, TicketStatus.WAITING):
        require_today(ticket)

    now = timezone.now()
    record_status_change(ticket, status, actor=actor, now=now, note=str(note or "")[:255])
    update_fields = ["status", "status_changed_at"]
    if status == TicketStatus.CALLED:
        ticket.called_at = now
        update_fields.append("called_at")
    ticket.save(update_fields=update_fields)

    if status in ABANDONED_STATUSES:
        from crm.services.vouchers import release_ticket_redemption

        release_ticket_redemption(ticket=ticket, now=now)
    return ticket
