import pytest

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import RoomStatus, TicketStatus
from crm.services import finish_treatment, set_room_status, start_treatment
from tests.crm.factories import BranchFactory, QueueTicketFactory, TreatmentRoomFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(branch):
    return TreatmentRoomFactory(branch=branch)


@pytest.fixture
def called_ticket(branch):
    return QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)


def test_start_occupies_room(front_desk, room, called_ticket):
    ticket = start_treatment(actor=front_desk, ticket=called_ticket, room=room)

    room.refresh_from_db()
    assert ticket.status == TicketStatus.IN_TREATMENT
    assert ticket.room == room
    assert ticket.treatment_started_at is not None
    assert room.status == RoomStatus.OCCUPIED
    assert room.current_ticket_id == ticket.pk


def test_occupied_room_rejects_second_treatment(front_desk, room, called_ticket, branch):
    start_treatment(actor=front_desk, ticket=called_ticket, room=room)
    second = QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)

    with pytest.raises(CrmError) as raised:
        start_treatment(actor=front_desk, ticket=second, room=room)

    assert raised.value.code == "room_not_available"
    second.refresh_from_db()
    assert second.status == TicketStatus.CALLED


@pytest.mark.parametrize("status", [RoomStatus.CLEANING, RoomStatus.OUT_OF_SERVICE])
def test_unavailable_room_rejected(front_desk, branch, called_ticket, status):
    room = TreatmentRoomFactory(branch=branch, status=status)

    with pytest.raises(CrmError) as raised:
        start_treatment(actor=front_desk, ticket=called_ticket, room=room)

    assert raised.value.code == "room_not_available"


def test_waiting_ticket_must_be_called_first(front_desk, room, branch):
    waiting = QueueTicketFactory(branch=branch, status=TicketStatus.WAITING)

    with pytest.raises(CrmError) as raised:
        start_treatment(actor=front_desk, ticket=waiting, room=room)

    assert raised.value.code == "ticket_status_invalid"
    room.refresh_from_db()
    assert room.status == RoomStatus.AVAILABLE


def test_room_of_other_branch_rejected(front_desk, called_ticket):
    elsewhere = TreatmentRoomFactory(branch=BranchFactory())

    with pytest.raises(CrmError) as raised:
        start_treatment(actor=front_desk, ticket=called_ticket, room=elsewhere)

    assert raised.value.code == "room_other_branch"


def test_finish_sets_room_cleaning(front_desk, therapist, room, called_ticket):
    start_treatment(actor=front_desk, ticket=called_ticket, room=room)

    ticket = finish_treatment(actor=therapist, ticket=called_ticket)

    room.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert ticket.treatment_finished_at >= ticket.treatment_started_at
    assert room.status == RoomStatus.CLEANING
    assert room.current_ticket is None


def test_finish_requires_treatment(front_desk, called_ticket):
    with pytest.raises(CrmError) as raised:
        finish_treatment(actor=front_desk, ticket=called_ticket)

    assert raised.value.code == "ticket_status_invalid"


def test_cleaned_room_made_available(therapist, branch):
    room = TreatmentRoomFactory(branch=branch, status=RoomStatus.CLEANING)

    assert set_room_status(actor=therapist, room=room, status=RoomStatus.AVAILABLE).status == RoomStatus.AVAILABLE
    assert set_room_status(actor=therapist, room=room, status=RoomStatus.OUT_OF_SERVICE).status == RoomStatus.OUT_OF_SERVICE
    assert set_room_status(actor=therapist, room=room, status=RoomStatus.AVAILABLE).status == RoomStatus.AVAILABLE


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (RoomStatus.AVAILABLE, RoomStatus.OCCUPIED),
        (RoomStatus.AVAILABLE, RoomStatus.CLEANING),
        (RoomStatus.AVAILABLE, RoomStatus.AVAILABLE),
        (RoomStatus.OUT_OF_SERVICE, RoomStatus.CLEANING),
    ],
)
def test_manual_room_change_rejected(front_desk, branch, start, target):
    room = TreatmentRoomFactory(branch=branch, status=start)

    with pytest.raises(CrmError) as raised:
        set_room_status(actor=front_desk, room=room, status=target)

    assert raised.value.code == "room_status_invalid"
    room.refresh_from_db()
    assert room.status == start


def test_occupied_room_cannot_be_freed_by_hand(front_desk, room, called_ticket):
    start_treatment(actor=front_desk, ticket=called_ticket, room=room)

    with pytest.raises(CrmError) as raised:
        set_room_status(actor=front_desk, room=room, status=RoomStatus.AVAILABLE)

    assert raised.value.code == "room_status_invalid"


def test_marketing_cannot_use_rooms(marketing, room, called_ticket):
    with pytest.raises(CrmPermissionDenied):
        start_treatment(actor=marketing, ticket=called_ticket, room=room)
    with pytest.raises(CrmPermissionDenied):
        set_room_status(actor=marketing, room=room, status=RoomStatus.OUT_OF_SERVICE)

    room.refresh_from_db()
    assert room.status == RoomStatus.AVAILABLE
