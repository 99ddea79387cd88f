"""Queue desk: taking numbers, calling, recalling, skipping and sending customers to rooms."""

import pytest
from django.urls import reverse

from crm import services
from crm.models import QueueTicket, QueueTicketStatusChange, RoomStatus, StaffRole, TicketStatus
from tests.crm.admin.conftest import error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory

FRONT_DESK = StaffRole.FRONT_DESK


def desk_url(branch) -> str:
    return reverse("crm_admin:queue_desk") + f"?branch={branch.code}"


def take(staff, branch, name="Ibu Walk-in", **kwargs):
    return services.take_queue_number(actor=staff[FRONT_DESK], branch=branch, walk_in_name=name, **kwargs)


def test_desk_lists_todays_tickets_by_state(login, staff, branch, rooms):
    waiting = take(staff, branch, "Ibu Menunggu")
    called = take(staff, branch, "Ibu Dipanggil")
    services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)  # calls "Ibu Menunggu"
    called.refresh_from_db()

    response = login(FRONT_DESK).get(desk_url(branch))

    assert response.status_code == 200
    assert [entry.ticket.pk for entry in response.context["called"]] == [waiting.pk]
    assert [entry.ticket.pk for entry in response.context["waiting"]] == [called.pk]
    assert response.context["waiting"][0].position == 1
    assert response.context["waiting"][0].estimated_wait_minutes is not None
    assert [room.pk for room in response.context["available_rooms"]] == [room.pk for room in rooms]
    assert waiting.display_number in response.content.decode()


def test_take_number_for_walk_in(login, staff, branch, facial_service):
    response = login(FRONT_DESK).post(
        desk_url(branch), {"branch": branch.code, "walk_in_name": "Ibu Ratna", "service": facial_service.pk}
    )

    assert response.status_code == 302
    ticket = QueueTicket.objects.get(branch=branch)
    assert ticket.walk_in_name == "Ibu Ratna"
    assert ticket.prefix == "A"
    assert ticket.number == 1
    assert ticket.created_by == staff[FRONT_DESK]
    assert any(ticket.display_number in message for message in messages_of(response))


def test_take_number_for_registered_customer(login, staff, branch):
    customer = CustomerFactory()

    response = login(FRONT_DESK).post(desk_url(branch), {"branch": branch.code, "customer": customer.pk})

    assert response.status_code == 302
    assert QueueTicket.objects.get(branch=branch).customer == customer


def test_profile_link_preselects_customer(login, branch):
    customer = CustomerFactory()

    response = login(FRONT_DESK).get(desk_url(branch) + f"&customer={customer.pk}")

    assert response.context["take_number_form"].initial["customer"] == customer


def test_take_number_without_visitor_changes_nothing(login, branch):
    response = login(FRONT_DESK).post(desk_url(branch), {"branch": branch.code, "walk_in_name": "  "})

    assert response.status_code == 200
    assert not QueueTicket.objects.filter(branch=branch).exists()
    expected = error_text("visitor_required")
    assert expected in messages_of(response)
    assert expected in response.context["take_number_form"].errors["customer"]


def test_therapist_cannot_take_numbers(login, branch):
    client = login(StaffRole.THERAPIST)

    page = client.get(desk_url(branch))
    response = client.post(desk_url(branch), {"branch": branch.code, "walk_in_name": "Ibu Ratna"})

    assert page.context["take_number_form"] is None
    assert is_rejection(response)
    assert not QueueTicket.objects.filter(branch=branch).exists()


def test_call_next_calls_longest_waiting(login, staff, branch):
    first = take(staff, branch, "Ibu Pertama")
    second = take(staff, branch, "Ibu Kedua")

    response = login(FRONT_DESK).post(
        reverse("crm_admin:queue_call_next"), {"branch": branch.code, "next": desk_url(branch)}
    )

    assert response.status_code == 302
    assert response["Location"] == desk_url(branch)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == TicketStatus.CALLED
    assert second.status == TicketStatus.WAITING
    change = QueueTicketStatusChange.objects.get(ticket=first, to_status=TicketStatus.CALLED)
    assert change.changed_by == staff[FRONT_DESK]


def test_call_next_on_empty_queue_shows_error(login, branch):
    response = login(FRONT_DESK).post(reverse("crm_admin:queue_call_next"), {"branch": branch.code})

    assert response.status_code == 302
    assert messages_of(response) == [error_text("queue_empty")]
    assert not QueueTicketStatusChange.objects.filter(ticket__branch=branch).exists()


def test_marketing_cannot_call_next(login, staff, branch):
    ticket = take(staff, branch)

    response = login(StaffRole.MARKETING).post(reverse("crm_admin:queue_call_next"), {"branch": branch.code})

    assert is_rejection(response)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING


def test_recall_records_another_call(login, staff, branch):
    take(staff, branch)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)

    response = login(FRONT_DESK).post(reverse("crm_admin:ticket_recall", args=(ticket.pk,)))

    assert response.status_code == 302
    calls = QueueTicketStatusChange.objects.filter(ticket=ticket, to_status=TicketStatus.CALLED)
    assert calls.count() == 2
    assert calls.last().note == "recall"


@pytest.mark.parametrize("status", [TicketStatus.SKIPPED, TicketStatus.NO_SHOW, TicketStatus.CANCELLED])
def test_status_change_of_called_ticket(login, staff, branch, status):
    take(staff, branch)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)

    response = login(FRONT_DESK).post(reverse("crm_admin:ticket_status", args=(ticket.pk,)), {"status": status})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == status


def test_status_change_that_skips_lifecycle_changes_nothing(login, staff, branch):
    ticket = take(staff, branch)

    response = login(FRONT_DESK).post(
        reverse("crm_admin:ticket_status", args=(ticket.pk,)), {"status": TicketStatus.SKIPPED}
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    assert messages_of(response) == [
        error_text(
            "ticket_status_invalid",
            ticket=ticket.display_number,
            from_status=TicketStatus.WAITING.label,
            to_status=TicketStatus.SKIPPED.label,
        )
    ]


def test_unknown_status_is_rejected(login, staff, branch):
    ticket = take(staff, branch)

    response = login(FRONT_DESK).post(reverse("crm_admin:ticket_status", args=(ticket.pk,)), {"status": "teleported"})

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    assert messages_of(response) == [error_text("choice_invalid", value="teleported")]


def test_send_called_customer_to_room(login, staff, branch, rooms):
    take(staff, branch)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)
    room = rooms[0]

    response = login(FRONT_DESK).post(
        reverse("crm_admin:ticket_start", args=(ticket.pk,)), {"room": room.pk, "next": desk_url(branch)}
    )

    assert response["Location"] == desk_url(branch)
    ticket.refresh_from_db()
    room.refresh_from_db()
    assert ticket.status == TicketStatus.IN_TREATMENT
    assert ticket.room == room
    assert room.status == RoomStatus.OCCUPIED
    assert room.current_ticket == ticket


def test_send_to_occupied_room_changes_nothing(login, staff, branch, rooms):
    take(staff, branch, "Ibu Satu")
    take(staff, branch, "Ibu Dua")
    first = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)
    second = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)
    room = rooms[0]
    services.start_treatment(actor=staff[FRONT_DESK], ticket=first, room=room)

    response = login(FRONT_DESK).post(reverse("crm_admin:ticket_start", args=(second.pk,)), {"room": room.pk})

    second.refresh_from_db()
    room.refresh_from_db()
    assert second.status == TicketStatus.CALLED
    assert room.current_ticket == first
    assert messages_of(response) == [
        error_text("room_not_available", room=room.name, status=RoomStatus.OCCUPIED.label)
    ]


def test_send_to_room_without_room_shows_error(login, staff, branch, rooms):
    take(staff, branch)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)

    response = login(FRONT_DESK).post(reverse("crm_admin:ticket_start", args=(ticket.pk,)), {})

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED
    assert len(messages_of(response)) == 1


def test_finish_treatment_leaves_room_for_cleaning(login, staff, branch, rooms):
    take(staff, branch)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)
    services.start_treatment(actor=staff[FRONT_DESK], ticket=ticket, room=rooms[0])

    response = login(StaffRole.THERAPIST).post(reverse("crm_admin:ticket_finish", args=(ticket.pk,)))

    assert response.status_code == 302
    ticket.refresh_from_db()
    rooms[0].refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert rooms[0].status == RoomStatus.CLEANING


def test_board_fragment_for_auto_refresh(login, staff, branch):
    ticket = take(staff, branch, "Ibu Baru")
    url = desk_url(branch) + "&fragment=board"

    response = login(FRONT_DESK).get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    content = response.content.decode()
    assert response.status_code == 200
    assert ticket.display_number in content
    assert "<html" not in content


def test_full_page_has_refresh_script(login, branch):
    response = login(FRONT_DESK).get(desk_url(branch))

    content = response.content.decode()
    assert 'id="crm-live-board"' in content
    assert "fragment=board" in content
