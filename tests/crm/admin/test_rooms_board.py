"""Rooms board: every room's status, starting and finishing treatments, cleaning, out of service."""

from django.urls import reverse

from crm import services
from crm.models import RoomStatus, StaffRole, TicketStatus
from tests.crm.admin.conftest import error_text, is_rejection, messages_of

FRONT_DESK = StaffRole.FRONT_DESK


def board_url(branch) -> str:
    return reverse("crm_admin:rooms_board") + f"?branch={branch.code}"


def called_ticket(staff, branch, name="Ibu Kamar"):
    services.take_queue_number(actor=staff[FRONT_DESK], branch=branch, walk_in_name=name)
    return services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)


def test_board_shows_every_room_with_status(login, staff, branch, rooms):
    services.set_room_status(actor=staff[FRONT_DESK], room=rooms[1], status=RoomStatus.OUT_OF_SERVICE)

    response = login(StaffRole.THERAPIST).get(board_url(branch))

    assert response.status_code == 200
    assert [room.name for room in response.context["rooms"]] == ["Ruang Uji A", "Ruang Uji B"]
    counts = {status: count for status, _label, count in response.context["status_counts"]}
    assert counts[RoomStatus.AVAILABLE] == 1
    assert counts[RoomStatus.OUT_OF_SERVICE] == 1
    content = response.content.decode()
    assert "Ruang Uji A" in content
    assert "crm-room--out_of_service" in content


def test_start_treatment_from_room(login, staff, branch, rooms):
    ticket = called_ticket(staff, branch)
    room = rooms[0]

    response = login(FRONT_DESK).post(
        reverse("crm_admin:room_start", args=(room.pk,)), {"ticket": ticket.pk, "next": board_url(branch)}
    )

    assert response["Location"] == board_url(branch)
    room.refresh_from_db()
    ticket.refresh_from_db()
    assert room.status == RoomStatus.OCCUPIED
    assert room.current_ticket == ticket
    assert ticket.status == TicketStatus.IN_TREATMENT


def test_start_without_ticket_changes_nothing(login, branch, rooms):
    response = login(FRONT_DESK).post(reverse("crm_admin:room_start", args=(rooms[0].pk,)), {"ticket": ""})

    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.AVAILABLE
    assert len(messages_of(response)) == 1


def test_start_waiting_ticket_is_rejected(login, staff, branch, rooms):
    ticket = services.take_queue_number(actor=staff[FRONT_DESK], branch=branch, walk_in_name="Ibu Menunggu")

    response = login(FRONT_DESK).post(reverse("crm_admin:room_start", args=(rooms[0].pk,)), {"ticket": ticket.pk})

    rooms[0].refresh_from_db()
    ticket.refresh_from_db()
    assert rooms[0].status == RoomStatus.AVAILABLE
    assert ticket.status == TicketStatus.WAITING
    assert messages_of(response) == [
        error_text(
            "ticket_status_invalid",
            ticket=ticket.display_number,
            from_status=TicketStatus.WAITING.label,
            to_status=TicketStatus.IN_TREATMENT.label,
        )
    ]


def test_cleaned_room_marked_available(login, staff, branch, rooms):
    ticket = called_ticket(staff, branch)
    services.start_treatment(actor=staff[FRONT_DESK], ticket=ticket, room=rooms[0])
    services.finish_treatment(actor=staff[FRONT_DESK], ticket=ticket)

    response = login(StaffRole.THERAPIST).post(
        reverse("crm_admin:room_status", args=(rooms[0].pk,)), {"status": RoomStatus.AVAILABLE}
    )

    assert response.status_code == 302
    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.AVAILABLE


def test_room_out_of_service_and_back(login, branch, rooms):
    client = login(FRONT_DESK)
    url = reverse("crm_admin:room_status", args=(rooms[0].pk,))

    client.post(url, {"status": RoomStatus.OUT_OF_SERVICE})
    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.OUT_OF_SERVICE

    client.post(url, {"status": RoomStatus.AVAILABLE})
    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.AVAILABLE


def test_occupied_room_cannot_be_freed_by_hand(login, staff, branch, rooms):
    ticket = called_ticket(staff, branch)
    services.start_treatment(actor=staff[FRONT_DESK], ticket=ticket, room=rooms[0])

    response = login(FRONT_DESK).post(
        reverse("crm_admin:room_status", args=(rooms[0].pk,)), {"status": RoomStatus.AVAILABLE}
    )

    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.OCCUPIED
    assert rooms[0].current_ticket == ticket
    assert messages_of(response) == [
        error_text(
            "room_status_invalid",
            room=rooms[0].name,
            from_status=RoomStatus.OCCUPIED.label,
            to_status=RoomStatus.AVAILABLE.label,
        )
    ]


def test_marketing_cannot_change_rooms(login, rooms):
    response = login(StaffRole.MARKETING).post(
        reverse("crm_admin:room_status", args=(rooms[0].pk,)), {"status": RoomStatus.OUT_OF_SERVICE}
    )

    assert is_rejection(response)
    rooms[0].refresh_from_db()
    assert rooms[0].status == RoomStatus.AVAILABLE


def test_board_fragment_for_auto_refresh(login, branch, rooms):
    response = login(FRONT_DESK).get(board_url(branch) + "&fragment=board", HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ruang Uji A" in content
    assert "<html" not in content
