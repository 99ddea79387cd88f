"""Queue pages through Django's test client: take a number, ticket, board, kiosk and rooms."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from crm import services
from crm.models import QueueTicket, StaffRole, TicketSource, TicketStatus, TreatmentRoom
from tests.crm.factories import BranchFactory, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db

BRANCH = "kemang"
FACIAL = "facial-glow-brightening"


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def customer_user():
    customer = CustomerFactory()
    user = UserFactory(username=f"customer-{customer.pk}")
    customer.user = user
    customer.save(update_fields=["user"])
    return user


@pytest.fixture
def other_customer_user():
    customer = CustomerFactory()
    user = UserFactory(username=f"other-{customer.pk}")
    customer.user = user
    customer.save(update_fields=["user"])
    return user


@pytest.fixture
def front_desk():
    return UserFactory(username="kiosk-front-desk", role=StaffRole.FRONT_DESK)


def take_online(client, user, service: str = FACIAL):
    client.force_login(user)
    response = client.post("/antrian/", {"branch": BRANCH, "service": service})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


# --- take a number -----------------------------------------------------------------------------


def test_take_number_form_in_indonesian(client):
    response = client.get("/antrian/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Ambil nomor antrian · Amaze Skin Care</title>" in html
    assert '<label for="branch">Cabang</label>' in html
    assert '<option value="facial-glow-brightening"' in html
    # Signed out: the button leads to the account sign-in page, which returns here through `next`.
    assert 'href="/akun/masuk/?next=%2Fantrian%2F"' in html


def test_take_number_form_in_english(client):
    html = client.get("/en/antrian/").content.decode()

    assert '<html lang="en">' in html
    assert "<h1>Take a queue number</h1>" in html
    assert 'href="/en/akun/masuk/?next=%2Fen%2Fantrian%2F"' in html


def test_take_number_signed_out_post_redirects(client):
    response = client.post("/antrian/", {"branch": BRANCH, "service": FACIAL})

    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=%2Fantrian%2F"
    assert not QueueTicket.objects.filter(source=TicketSource.ONLINE, customer__isnull=True).exists()


def test_take_number_creates_ticket_and_redirects(client, customer_user):
    response = take_online(client, customer_user)

    ticket = QueueTicket.objects.get(customer__user=customer_user)
    assert response["Location"] == f"/antrian/tiket/{ticket.pk}/"
    assert ticket.prefix == "A"
    assert ticket.source == TicketSource.ONLINE
    assert ticket.status == TicketStatus.WAITING


def test_take_number_twice_shows_error_next_to_branch(client, customer_user):
    take_online(client, customer_user)
    response = client.post("/antrian/", {"branch": BRANCH, "service": FACIAL})
    html = response.content.decode()

    assert response.status_code == 400
    assert 'aria-describedby="branch-error"' in html
    assert re.search(r'<p class="field-error" id="branch-error">Anda sudah memiliki nomor antrian A-\d{3}', html), html
    assert QueueTicket.objects.filter(customer__user=customer_user).count() == 1


def test_take_number_unknown_service_error(client, customer_user):
    client.force_login(customer_user)
    response = client.post("/en/antrian/", {"branch": BRANCH, "service": "no-such-service"})
    html = response.content.decode()

    assert response.status_code == 400
    assert 'id="service-error"' in html
    assert not QueueTicket.objects.filter(customer__user=customer_user).exists()


def test_take_number_staff_account_gets_readable_refusal(client, front_desk):
    client.force_login(front_desk)
    response = client.post("/en/antrian/", {"branch": BRANCH, "service": ""})
    html = response.content.decode()

    assert response.status_code == 400
    assert "This account cannot take a queue number online." in html
    assert not QueueTicket.objects.filter(created_by=front_desk).exists()


def test_take_number_lists_open_ticket(client, customer_user):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    html = client.get("/en/antrian/").content.decode()

    assert f'href="/en/antrian/tiket/{ticket.pk}/"><strong>{ticket.display_number}</strong>' in html


# --- ticket page -------------------------------------------------------------------------------


def test_ticket_page_shows_position_and_polls(client, customer_user):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    response = client.get(f"/en/antrian/tiket/{ticket.pk}/")
    html = response.content.decode()
    text = visible_text(html)

    assert response.status_code == 200
    assert f"<title>Queue number {ticket.display_number} · Amaze Skin Care</title>" in html
    assert f'data-ticket-id="{to_global_id("QueueTicket", ticket.pk)}"' in html
    assert 'data-poll-seconds="5"' in html
    assert 'id="op-QueueTicketUpdate"' in html
    assert "Facial Glow Brightening" in text
    assert "Estimated wait about" in text
    assert "csrftoken" in response.cookies


def test_ticket_page_signed_out_goes_to_sign_in(client, customer_user):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    client.logout()
    response = client.get(f"/antrian/tiket/{ticket.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next=%2Fantrian%2Ftiket%2F{ticket.pk}%2F"


def test_ticket_page_of_other_customer_is_not_found(client, customer_user, other_customer_user):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    client.force_login(other_customer_user)

    assert client.get(f"/antrian/tiket/{ticket.pk}/").status_code == 404
    response = client.post(f"/antrian/tiket/{ticket.pk}/", {"action": "cancel"})
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING


def test_ticket_cancel_by_owner(client, customer_user):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    response = client.post(f"/antrian/tiket/{ticket.pk}/", {"action": "cancel"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CANCELLED
    html = client.get(f"/antrian/tiket/{ticket.pk}/").content.decode()
    assert "Dibatalkan" in html
    assert "data-poll-seconds" not in html
    assert "Batalkan nomor saya" not in html


def test_ticket_called_shows_call_to_front_desk(client, customer_user, front_desk):
    take_online(client, customer_user)
    ticket = QueueTicket.objects.get(customer__user=customer_user)
    services.set_ticket_status(actor=front_desk, ticket=ticket, status=TicketStatus.CALLED)
    html = client.get(f"/en/antrian/tiket/{ticket.pk}/").content.decode()

    assert "It is your turn! Please go to the front desk." in html
    assert "Cancel my number" not in html


# --- waiting-room board ----------------------------------------------------------------------


def test_board_shows_serving_and_next_numbers(client, front_desk):
    branch_tickets = QueueTicket.objects.filter(branch__code=BRANCH, service_date__isnull=False)
    waiting = [
        services.take_queue_number(actor=front_desk, branch=branch_tickets.first().branch, walk_in_name="Tamu")
        for _ in range(2)
    ]
    called = services.call_next_ticket(actor=front_desk, branch=waiting[0].branch)
    response = client.get("/layar-antrian/kemang/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Layar ruang tunggu · Amaze Skin Care Kemang · Amaze Skin Care</title>" in html
    assert f'<span class="serving-number">{called.display_number}</span>' in html
    assert f"<li>{waiting[1].display_number}</li>" in html
    assert 'data-speech-template="Nomor antrian %(number)s, silakan ke %(place)s"' in html
    assert 'id="op-QueueBoard"' in html


def test_board_english_keeps_indonesian_speech(client):
    html = client.get("/en/layar-antrian/kemang/").content.decode()

    assert "<h1 id=\"serving-title\">Now serving</h1>" in html
    assert 'data-speech-template="Nomor antrian %(number)s, silakan ke %(place)s"' in html
    assert 'data-speech-front-desk="meja resepsionis"' in html


def test_board_unknown_branch_is_not_found(client):
    assert client.get("/layar-antrian/tidak-ada/").status_code == 404


def test_board_closed_branch_is_not_found(client):
    closed = BranchFactory(code="tutup", is_active=False)
    assert client.get(f"/layar-antrian/{closed.code}/").status_code == 404


def test_board_query_count_does_not_grow_with_queue(client, front_desk):
    branch = QueueTicket.objects.filter(branch__code=BRANCH).first().branch
    services.take_queue_number(actor=front_desk, branch=branch, walk_in_name="Tamu")
    with CaptureQueriesContext(connection) as few:
        client.get("/layar-antrian/kemang/")
    for _ in range(6):
        services.take_queue_number(actor=front_desk, branch=branch, walk_in_name="Tamu")
    services.call_next_ticket(actor=front_desk, branch=branch)
    with CaptureQueriesContext(connection) as many:
        client.get("/layar-antrian/kemang/")

    assert len(many.captured_queries) == len(few.captured_queries)


# --- kiosk -------------------------------------------------------------------------------------


def test_kiosk_signed_out_asks_for_staff_sign_in(client):
    response = client.get("/kiosk/kemang/")

    assert response.status_code == 403
    assert "/admin/login/?next=%2Fkiosk%2Fkemang%2F" in response.content.decode()


def test_kiosk_refuses_customer_account(client, customer_user):
    client.force_login(customer_user)
    response = client.post("/kiosk/kemang/", {"service": FACIAL})

    assert response.status_code == 403
    assert not QueueTicket.objects.filter(source=TicketSource.WALK_IN, created_by=customer_user).exists()


def test_kiosk_takes_walk_in_number(client, front_desk):
    client.force_login(front_desk)
    start = client.get("/kiosk/kemang/?kertas=80")
    assert start.status_code == 200
    assert 'name="service" value="facial-glow-brightening"' in start.content.decode()

    response = client.post("/kiosk/kemang/?kertas=80", {"service": FACIAL, "paper": "80", "reset": "12"})
    ticket = QueueTicket.objects.filter(created_by=front_desk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/kiosk/kemang/tiket/{ticket.pk}/?kertas=80&kembali=12"
    assert ticket.source == TicketSource.WALK_IN
    assert ticket.customer is None
    assert ticket.walk_in_name == "Tamu kiosk"

    html = client.get(response["Location"]).content.decode()
    assert '<body class="kiosk-body paper-80">' in html
    assert f'<p class="receipt-number">{ticket.display_number}</p>' in html
    assert 'data-reset-seconds="12"' in html
    assert 'data-start-url="/kiosk/kemang/?kertas=80&amp;kembali=12"' in html


def test_kiosk_reset_seconds_are_bounded(client, front_desk):
    client.force_login(front_desk)
    client.post("/kiosk/kemang/", {"service": "", "reset": "1"})
    ticket = QueueTicket.objects.filter(created_by=front_desk).get()

    html = client.get(f"/kiosk/kemang/tiket/{ticket.pk}/?kembali=1").content.decode()
    assert 'data-reset-seconds="5"' in html
    html = client.get(f"/kiosk/kemang/tiket/{ticket.pk}/?kembali=100000").content.decode()
    assert 'data-reset-seconds="300"' in html


def test_kiosk_unknown_service_shows_message(client, front_desk):
    client.force_login(front_desk)
    response = client.post("/en/kiosk/kemang/", {"service": "no-such-service"})

    assert response.status_code == 400
    assert 'id="kiosk-error"' in response.content.decode()
    assert not QueueTicket.objects.filter(created_by=front_desk).exists()


def test_kiosk_ticket_of_other_branch_is_not_found(client, front_desk):
    other = BranchFactory(code="lain")
    ticket = services.take_queue_number(actor=front_desk, branch=other, walk_in_name="Tamu")
    client.force_login(front_desk)

    assert client.get(f"/kiosk/kemang/tiket/{ticket.pk}/").status_code == 404


# --- rooms -------------------------------------------------------------------------------------


def test_rooms_page_counts_free_rooms_by_kind(client):
    rooms = TreatmentRoom.objects.filter(branch__code=BRANCH)
    free_facial = rooms.filter(kind="facial", status="available").count()
    total_facial = rooms.filter(kind="facial").count()
    html = client.get("/en/kamar/").content.decode()
    text = visible_text(html)

    assert "<title>Free treatment rooms · Amaze Skin Care</title>" in html
    assert f"Facial room {free_facial} of {total_facial} free" in text
    free_total = rooms.filter(status="available").count()
    assert f"{free_total} rooms are free now at" in text or f"{free_total} room is free now at" in text


def test_rooms_page_unknown_branch_is_not_found(client):
    assert client.get("/kamar/?cabang=tidak-ada").status_code == 404


def test_navigation_links_to_queue_pages(client):
    html = client.get("/kamar/").content.decode()

    assert '<a href="/antrian/">Ambil nomor antrian</a>' in html
    assert '<a href="/kamar/" aria-current="page">Ruang kosong</a>' in html
