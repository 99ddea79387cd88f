import datetime
from unittest import mock

import pytest
from django.utils import timezone

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import QueueTicket, QueueTicketStatusChange, TicketSource, TicketStatus
from crm.services import (
    call_next_ticket,
    recall_ticket,
    set_ticket_status,
    skip_ticket,
    take_queue_number,
)
from tests.crm.factories import BranchFactory, CustomerFactory, QueueTicketFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(moment: datetime.datetime):
    """Freeze django.utils.timezone.now at `moment` (an aware datetime)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_numbers_start_at_one_per_prefix(front_desk, branch, customer, facial_service):
    first = take_queue_number(actor=front_desk, branch=branch, customer=customer, service=facial_service)
    second = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Ibu Ani", service=facial_service)
    general = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Pak Budi")

    assert (first.prefix, first.number) == ("A", 1)
    assert (second.prefix, second.number) == ("A", 2)
    assert (general.prefix, general.number) == ("U", 1)
    assert first.display_number == "A-001"


def test_numbers_separate_per_branch(front_desk, customer):
    one, two = BranchFactory(), BranchFactory()

    first = take_queue_number(actor=front_desk, branch=one, customer=customer)
    other = take_queue_number(actor=front_desk, branch=two, customer=customer)

    assert first.number == 1
    assert other.number == 1


def test_ticket_keeps_service_snapshot(front_desk, branch, customer, facial_service):
    ticket = take_queue_number(actor=front_desk, branch=branch, customer=customer, service=facial_service)

    assert ticket.service_name == facial_service.title
    assert ticket.service_price == facial_service.price
    assert ticket.service_duration_minutes == facial_service.duration_minutes
    assert ticket.service_date == timezone.localdate()


def test_day_boundary_restarts_numbering(front_desk, branch, customer):
    # 23:50 on 4 December in Jakarta is 16:50 UTC; 00:15 on 5 December is 17:15 UTC of the 4th.
    with at(datetime.datetime(2026, 12, 4, 16, 50, tzinfo=UTC)):
        late = take_queue_number(actor=front_desk, branch=branch, customer=customer)
        later = take_queue_number(actor=front_desk, branch=branch, customer=customer)
    with at(datetime.datetime(2026, 12, 4, 17, 15, tzinfo=UTC)):
        after_midnight = take_queue_number(actor=front_desk, branch=branch, customer=customer)

    assert late.service_date == datetime.date(2026, 12, 4)
    assert later.number == 2
    assert after_midnight.service_date == datetime.date(2026, 12, 5)
    assert after_midnight.number == 1


def test_prefix_override_validated(front_desk, branch, customer):
    ticket = take_queue_number(actor=front_desk, branch=branch, customer=customer, prefix="vip")
    assert ticket.prefix == "VIP"

    with pytest.raises(CrmError) as raised:
        take_queue_number(actor=front_desk, branch=branch, customer=customer, prefix="A1")
    assert raised.value.code == "queue_prefix_invalid"


def test_visitor_required(front_desk, branch):
    count = QueueTicket.objects.count()

    with pytest.raises(CrmError) as raised:
        take_queue_number(actor=front_desk, branch=branch, walk_in_name="   ")

    assert raised.value.code == "visitor_required"
    assert QueueTicket.objects.count() == count


def test_inactive_branch_rejected(front_desk, customer):
    closed = BranchFactory(is_active=False)

    with pytest.raises(CrmError) as raised:
        take_queue_number(actor=front_desk, branch=closed, customer=customer)

    assert raised.value.code == "branch_inactive"


def test_unpublished_service_rejected(front_desk, branch, customer, facial_service):
    facial_service.live = False

    with pytest.raises(CrmError) as raised:
        take_queue_number(actor=front_desk, branch=branch, customer=customer, service=facial_service)

    assert raised.value.code == "service_unavailable"


def test_marketing_cannot_take_numbers(marketing, branch, customer):
    with pytest.raises(CrmPermissionDenied):
        take_queue_number(actor=marketing, branch=branch, customer=customer)

    assert not QueueTicket.objects.filter(branch=branch).exists()


def test_customer_takes_own_online_number(branch):
    user = UserFactory()
    own = CustomerFactory(user=user)

    ticket = take_queue_number(actor=user, branch=branch, customer=own, source=TicketSource.ONLINE)

    assert ticket.source == TicketSource.ONLINE
    with pytest.raises(CrmPermissionDenied):
        take_queue_number(actor=user, branch=branch, customer=CustomerFactory(), source=TicketSource.ONLINE)
    with pytest.raises(CrmPermissionDenied):
        take_queue_number(actor=user, branch=branch, customer=own, source=TicketSource.WALK_IN)


def test_history_records_actor_and_time(front_desk, branch, customer):
    ticket = take_queue_number(actor=front_desk, branch=branch, customer=customer)
    call_next_ticket(actor=front_desk, branch=branch)

    changes = list(QueueTicketStatusChange.objects.filter(ticket=ticket))
    assert [(change.from_status, change.to_status) for change in changes] == [
        ("", TicketStatus.WAITING),
        (TicketStatus.WAITING, TicketStatus.CALLED),
    ]
    assert all(change.changed_by == front_desk for change in changes)
    assert all(change.changed_at is not None for change in changes)


def test_call_next_skips_cancelled_and_skipped(front_desk, branch):
    first = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Satu")
    second = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Dua")
    third = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Tiga")
    set_ticket_status(actor=front_desk, ticket=first, status=TicketStatus.CANCELLED)
    called = call_next_ticket(actor=front_desk, branch=branch)
    skip_ticket(actor=front_desk, ticket=called)

    next_called = call_next_ticket(actor=front_desk, branch=branch)

    assert called.pk == second.pk
    assert next_called.pk == third.pk
    assert next_called.status == TicketStatus.CALLED
    assert next_called.called_at is not None


def test_call_next_by_prefix(front_desk, branch, facial_service):
    take_queue_number(actor=front_desk, branch=branch, walk_in_name="Umum")
    facial = take_queue_number(actor=front_desk, branch=branch, walk_in_name="Facial", service=facial_service)

    assert call_next_ticket(actor=front_desk, branch=branch, prefix="A").pk == facial.pk


def test_call_next_ignores_yesterday(front_desk, branch):
    QueueTicketFactory(branch=branch, service_date=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(CrmError) as raised:
        call_next_ticket(actor=front_desk, branch=branch)

    assert raised.value.code == "queue_empty"


def test_recall_keeps_called_and_logs(front_desk, branch):
    take_queue_number(actor=front_desk, branch=branch, walk_in_name="Satu")
    called = call_next_ticket(actor=front_desk, branch=branch)

    recalled = recall_ticket(actor=front_desk, ticket=called)

    assert recalled.status == TicketStatus.CALLED
    assert recalled.status_changes.filter(note="recall").count() == 1


def test_skipped_ticket_can_be_recalled(front_desk, branch):
    take_queue_number(actor=front_desk, branch=branch, walk_in_name="Satu")
    skipped = skip_ticket(actor=front_desk, ticket=call_next_ticket(actor=front_desk, branch=branch))

    assert skipped.status == TicketStatus.SKIPPED
    assert recall_ticket(actor=front_desk, ticket=skipped).status == TicketStatus.CALLED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (TicketStatus.WAITING, TicketStatus.SKIPPED),
        (TicketStatus.WAITING, TicketStatus.NO_SHOW),
        (TicketStatus.DONE, TicketStatus.WAITING),
        (TicketStatus.CANCELLED, TicketStatus.CALLED),
        (TicketStatus.NO_SHOW, TicketStatus.WAITING),
        (TicketStatus.IN_TREATMENT, TicketStatus.CANCELLED),
    ],
)
def test_lifecycle_skips_rejected(front_desk, start, target):
    ticket = QueueTicketFactory(status=start)

    with pytest.raises(CrmError) as raised:
        set_ticket_status(actor=front_desk, ticket=ticket, status=target)

    assert raised.value.code == "ticket_status_invalid"
    ticket.refresh_from_db()
    assert ticket.status == start
    assert not ticket.status_changes.exists()


@pytest.mark.parametrize("target", [TicketStatus.IN_TREATMENT, TicketStatus.DONE])
def test_room_statuses_need_room_service(front_desk, target):
    ticket = QueueTicketFactory(status=TicketStatus.CALLED)

    with pytest.raises(CrmError) as raised:
        set_ticket_status(actor=front_desk, ticket=ticket, status=target)

    assert raised.value.code == "ticket_status_needs_room"


def test_unknown_status_rejected(front_desk):
    ticket = QueueTicketFactory()

    with pytest.raises(CrmError) as raised:
        set_ticket_status(actor=front_desk, ticket=ticket, status="finished")

    assert raised.value.code == "choice_invalid"


def test_marketing_cannot_call(marketing, front_desk, branch):
    take_queue_number(actor=front_desk, branch=branch, walk_in_name="Satu")

    with pytest.raises(CrmPermissionDenied):
        call_next_ticket(actor=marketing, branch=branch)
    with pytest.raises(CrmPermissionDenied):
        set_ticket_status(actor=marketing, ticket=QueueTicket.objects.get(branch=branch), status=TicketStatus.CANCELLED)


def test_customer_cancels_own_waiting_ticket(branch):
    user = UserFactory()
    own = CustomerFactory(user=user)
    ticket = QueueTicketFactory(branch=branch, customer=own)

    cancelled = set_ticket_status(actor=user, ticket=ticket, status=TicketStatus.CANCELLED)

    assert cancelled.status == TicketStatus.CANCELLED
    called = QueueTicketFactory(branch=branch, customer=own, status=TicketStatus.CALLED)
    with pytest.raises(CrmError) as raised:
        set_ticket_status(actor=user, ticket=called, status=TicketStatus.CANCELLED)
    assert raised.value.code == "ticket_closed"
    with pytest.raises(CrmPermissionDenied):
        set_ticket_status(actor=user, ticket=QueueTicketFactory(branch=branch), status=TicketStatus.CANCELLED)


def test_calling_old_ticket_rejected(front_desk):
    ticket = QueueTicketFactory(status=TicketStatus.SKIPPED, service_date=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(CrmError) as raised:
        recall_ticket(actor=front_desk, ticket=ticket)

    assert raised.value.code == "ticket_not_today"
