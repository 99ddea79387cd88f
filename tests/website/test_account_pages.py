"""Account pages through Django's test client: sign-in redirects, forms, history and privacy."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test.utils import CaptureQueriesContext
from django.db import connection

from crm.models import Customer, Order, TreatmentRecord
from crm.schema.access import global_id

pytestmark = pytest.mark.django_db

INCORRECT_ID = "Nama pengguna atau kata sandi salah."
ACCOUNT_PAGES = [
    "/akun/",
    "/akun/profil/",
    "/akun/perawatan/",
    "/akun/pesanan/",
    "/akun/voucher/",
    "/akun/data-saya/",
    "/testimoni/tulis/",
    "/toko/checkout/?item=x:1",
]


def link_account(customer: Customer, username: str):
    user = get_user_model().objects.create_user(username, customer.email or f"{username}@example.com", "a-long-test-password")
    customer.user = user
    customer.save(update_fields=["user"])
    return user


@pytest.fixture
def customer_with_history():
    """A demo customer with signed records (with photos) and an order, signed in online."""
    customer = (
        Customer.objects.filter(user__isnull=True, treatment_records__signed_at__isnull=False, orders__isnull=False)
        .distinct()
        .first()
    )
    assert customer is not None, "the demo seed has customers with records and orders"
    return customer, link_account(customer, "history-customer")


@pytest.fixture
def other_customer(customer_with_history):
    mine, _user = customer_with_history
    customer = (
        Customer.objects.filter(user__isnull=True, treatment_records__signed_at__isnull=False, orders__isnull=False)
        .exclude(pk=mine.pk)
        .distinct()
        .first()
    )
    assert customer is not None
    return customer, link_account(customer, "other-customer")


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_signed_out_visitor_is_sent_to_sign_in_and_back(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [path]


def test_english_sign_in_redirect_keeps_the_language(client):
    response = client.get("/en/akun/pesanan/")
    assert response.status_code == 302
    assert response["Location"] == "/en/akun/masuk/?next=%2Fen%2Fakun%2Fpesanan%2F"


def test_sign_in_returns_to_next_and_refuses_foreign_next(client, customer_with_history):
    _customer, user = customer_with_history
    response = client.post("/akun/masuk/?next=/akun/pesanan/", {"username": user.username, "password": "a-long-test-password", "next": "/akun/pesanan/"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/pesanan/"
    client.logout()
    response = client.post("/akun/masuk/", {"username": user.username, "password": "a-long-test-password", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/"


def test_wrong_password_shows_the_api_message_in_the_page_language(client, customer_with_history):
    _customer, user = customer_with_history
    response = client.post("/akun/masuk/", {"username": user.username, "password": "wrong-password-here"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [INCORRECT_ID]
    assert "_auth_user_id" not in client.session
    response = client.post("/en/akun/masuk/", {"username": user.username, "password": "wrong-password-here"})
    assert "The username or password is incorrect." in response.content.decode()


def test_register_signs_in_and_shows_api_errors_next_to_the_field(client):
    response = client.post(
        "/en/akun/daftar/",
        {"full_name": "Rina Test", "phone": "12", "email": "rina@example.com", "password": "a-long-test-password"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("phone"), form.errors
    assert 'id="id_phone_error"' in response.content.decode()
    assert 'aria-describedby="id_phone_error' in response.content.decode()
    assert not Customer.objects.filter(email="rina@example.com").exists()

    response = client.post(
        "/akun/daftar/",
        {
            "full_name": "Rina Test",
            "phone": "0812 3456 7001",
            "email": "rina@example.com",
            "password": "a-long-test-password",
            "photo_consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/"
    customer = Customer.objects.get(email="rina@example.com")
    assert customer.photo_consent is True
    assert customer.marketing_consent is False
    page = client.get("/akun/")
    assert page.status_code == 200
    assert "Rina Test" in page.content.decode()
    assert customer.member_code in page.content.decode()


def test_sign_out_is_a_post(client, customer_with_history):
    _customer, user = customer_with_history
    client.force_login(user)
    assert client.get("/akun/keluar/").status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post("/akun/keluar/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_profile_and_consents_are_saved_through_the_api(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    response = client.post(
        "/akun/profil/",
        {
            "full_name": "Nama Baru",
            "phone": customer.phone,
            "email": customer.email or "nama.baru@example.com",
            "skin_type": "oily",
            "allergies": "Paraben",
            "marketing_consent": "on",
        },
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.full_name == "Nama Baru"
    assert customer.skin_type == "oily"
    assert customer.marketing_consent is True
    assert customer.photo_consent is False
    page = client.get(response["Location"])
    assert page.context["saved"] is True
    assert 'role="status"' in page.content.decode()


def test_profile_error_changes_nothing(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    before = customer.full_name
    response = client.post("/en/akun/profil/", {"full_name": "X", "phone": "abc", "email": "ok@example.com"})
    assert response.status_code == 200
    assert response.context["form"].errors.get("phone")
    customer.refresh_from_db()
    assert customer.full_name == before


def test_treatment_history_shows_own_records_and_photos(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    response = client.get("/akun/perawatan/")
    html = response.content.decode()
    records = TreatmentRecord.objects.filter(customer=customer, signed_at__isnull=False)
    for record in records:
        assert global_id("TreatmentRecord", record.pk) in html
    if any(record.photos.exists() for record in records):
        assert "<img" in html and "alt=" in html

    record = records.first()
    detail = client.get(f"/akun/perawatan/{global_id('TreatmentRecord', record.pk)}/")
    assert detail.status_code == 200
    assert detail.context["record"]["id"] == global_id("TreatmentRecord", record.pk)
    if record.advice:
        assert record.advice.split()[0] in detail.content.decode()


def test_customer_cannot_open_another_customers_record_or_order(client, customer_with_history, other_customer):
    _mine, user = customer_with_history
    theirs, _their_user = other_customer
    client.force_login(user)
    record = TreatmentRecord.objects.filter(customer=theirs, signed_at__isnull=False).first()
    order = Order.objects.filter(customer=theirs).first()
    for path in (
        f"/akun/perawatan/{global_id('TreatmentRecord', record.pk)}/",
        f"/akun/pesanan/{global_id('Order', order.pk)}/",
        f"/toko/pesanan/{global_id('Order', order.pk)}/selesai/",
        "/akun/pesanan/not-an-id/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert order.number not in response.content.decode()


def test_order_history_lists_items_discounts_and_status(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    html = client.get("/akun/pesanan/").content.decode()
    from common.money import format_rupiah

    for order in Order.objects.filter(customer=customer):
        assert order.number in html
        assert format_rupiah(order.total) in html
    order = Order.objects.filter(customer=customer).first()
    detail = client.get(f"/akun/pesanan/{global_id('Order', order.pk)}/")
    assert detail.status_code == 200
    assert format_rupiah(order.subtotal) in detail.content.decode()


def test_order_history_costs_fixed_queries(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    client.get("/akun/pesanan/")
    with CaptureQueriesContext(connection) as few:
        client.get("/akun/pesanan/")
    from crm import services

    product = customer.orders.first().items.first().product
    branch = customer.orders.first().branch
    for _ in range(3):
        services.place_order(actor=user, customer=customer, branch=branch, items=[(product.pk, 1)], channel="online")
    with CaptureQueriesContext(connection) as many:
        client.get("/akun/pesanan/")
    assert len(many) == len(few)


def test_vouchers_page_groups_usable_used_and_expired(client, customer_with_history):
    _customer, user = customer_with_history
    client.force_login(user)
    html = client.get("/en/akun/voucher/").content.decode()
    assert "HEMAT10" in html
    assert "Valid until" in html
    assert "Used" in html and "Expired" in html


def test_download_my_data_is_a_json_attachment(client, customer_with_history):
    customer, user = customer_with_history
    client.force_login(user)
    response = client.post("/akun/data-saya/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Type"].startswith("application/json")
    exported = json.loads(response.content)
    assert customer.member_code in json.dumps(exported)


def test_staff_without_profile_gets_a_clear_page(client):
    staff = get_user_model().objects.create_user("staff-only", "staff-only@amaze.example", "a-long-test-password", is_staff=True)
    client.force_login(staff)
    response = client.get("/en/akun/")
    assert response.status_code == 403
    assert "No customer account" in response.content.decode()


def test_testimonial_goes_to_moderation_with_its_consent(client, customer_with_history):
    from cms.models import Testimonial

    _customer, user = customer_with_history
    client.force_login(user)
    response = client.post("/en/testimoni/tulis/", {"rating": "9", "text": "Bagus.", "display_name": "R. A."})
    assert response.status_code == 200
    assert response.context["form"].errors.get("rating")

    response = client.post(
        "/testimoni/tulis/",
        {"rating": "5", "text": "Kulit saya jauh lebih cerah.", "display_name": "R. A.", "consent_to_publish": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/testimoni/tulis/?sent=1"
    testimonial = Testimonial.objects.get(text="Kulit saya jauh lebih cerah.")
    assert testimonial.consent_to_publish is True
    assert testimonial.live is False  # waits for an editor

    client.post("/testimoni/tulis/", {"rating": "3", "text": "Hanya untuk klinik.", "display_name": "R. A."})
    assert Testimonial.objects.get(text="Hanya untuk klinik.").consent_to_publish is False


def test_testimonial_refused_before_a_first_treatment(client):
    client.post(
        "/akun/daftar/",
        {"full_name": "Baru Sekali", "phone": "0812 3456 7002", "email": "baru@example.com", "password": "a-long-test-password"},
    )
    response = client.post(
        "/en/testimoni/tulis/",
        {"rating": "4", "text": "Bagus.", "display_name": "B. S.", "consent_to_publish": "on"},
    )
    assert response.status_code == 200
    assert "after your first treatment" in response.content.decode()
