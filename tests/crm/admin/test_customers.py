"""Customers: phone-aware search, profiles shaped by role, registering and editing."""

import pytest
from django.urls import reverse

from crm import services
from crm.models import Customer, StaffRole
from tests.crm.admin.conftest import error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory, ProductFactory, TreatmentRecordFactory

FRONT_DESK = StaffRole.FRONT_DESK


@pytest.fixture
def customer_0812(db):
    return CustomerFactory(full_name="Ibu Cari Nomor", phone="+6281299887766")


@pytest.mark.parametrize("query", ["0812 9988 7766", "0812-99887766", "+62 812 9988 7766", "6281299887766", "0812998877"])
def test_search_finds_local_phone_spelling(login, customer_0812, query):
    response = login(FRONT_DESK).get(reverse("crm_admin:customer_list"), {"q": query})

    assert response.status_code == 200
    assert customer_0812 in list(response.context["object_list"])


def test_search_by_name_words(login, customer_0812):
    response = login(StaffRole.MARKETING).get(reverse("crm_admin:customer_list"), {"q": "cari ibu"})

    assert list(response.context["object_list"]) == [customer_0812]


def test_search_results_fragment(login, customer_0812):
    response = login(FRONT_DESK).get(reverse("crm_admin:customer_list_results"), {"q": "0812 9988"})

    assert response.status_code == 200
    assert "Ibu Cari Nomor" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_chooser_finds_local_phone_spelling(login, customer_0812):
    response = login(FRONT_DESK).get(
        reverse("crm_customer_chooser:choose_results"), {"q": "0812 9988 7766"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )

    assert response.status_code == 200
    assert "Ibu Cari Nomor" in response.content.decode()


def test_profile_shows_history_for_manager(login, staff, branch, customer_0812):
    services.take_queue_number(actor=staff[FRONT_DESK], branch=branch, customer=customer_0812)
    product = ProductFactory()
    order = services.place_order(actor=staff[FRONT_DESK], customer=customer_0812, branch=branch, items=[(product.pk, 2)])
    record = TreatmentRecordFactory(customer=customer_0812, branch=branch, practitioner=staff[StaffRole.DOCTOR])

    response = login(StaffRole.MANAGER).get(reverse("crm_admin:customer_detail", args=(customer_0812.pk,)))

    sections = {section["id"]: section for section in response.context["sections"]}
    assert set(sections) == {"tickets", "records", "orders"}
    assert len(sections["tickets"]["table"].data) == 1
    assert sections["records"]["table"].data == [record]
    assert sections["orders"]["table"].data == [order]
    assert response.context["vouchers"] is not None
    assert "0812-9988-7766" in response.content.decode()


def test_profile_hides_records_from_marketing(login, staff, branch, customer_0812):
    TreatmentRecordFactory(customer=customer_0812, branch=branch, practitioner=staff[StaffRole.DOCTOR], service_name="Laser Rahasia")

    response = login(StaffRole.MARKETING).get(reverse("crm_admin:customer_detail", args=(customer_0812.pk,)))

    assert response.status_code == 200
    sections = {section["id"] for section in response.context["sections"]}
    assert "records" not in sections
    assert "orders" not in sections
    assert "Laser Rahasia" not in response.content.decode()


def test_profile_shows_records_to_doctor_not_orders(login, staff, branch, customer_0812):
    TreatmentRecordFactory(customer=customer_0812, branch=branch, practitioner=staff[StaffRole.THERAPIST], service_name="Facial Terlihat")

    response = login(StaffRole.DOCTOR).get(reverse("crm_admin:customer_detail", args=(customer_0812.pk,)))

    sections = {section["id"] for section in response.context["sections"]}
    assert "records" in sections
    assert "orders" not in sections
    assert "Facial Terlihat" in response.content.decode()


def test_register_customer(login, staff):
    response = login(FRONT_DESK).post(
        reverse("crm_admin:customer_add"),
        {"full_name": "Ibu Baru Daftar", "phone": "0813 1111 2222", "email": "Baru@Example.com", "photo_consent": "on"},
    )

    customer = Customer.objects.get(full_name="Ibu Baru Daftar")
    assert response["Location"] == reverse("crm_admin:customer_detail", args=(customer.pk,))
    assert str(customer.phone) == "+6281311112222"
    assert customer.email == "baru@example.com"
    assert customer.photo_consent
    assert customer.photo_consent_at is not None


def test_register_with_wrong_phone_writes_nothing(login):
    response = login(FRONT_DESK).post(reverse("crm_admin:customer_add"), {"full_name": "Ibu Salah", "phone": "12345"})

    assert response.status_code == 200
    assert not Customer.objects.filter(full_name="Ibu Salah").exists()
    expected = error_text("phone_invalid", value="12345")
    assert expected in response.context["form"].errors["phone"]
    assert expected in messages_of(response)


def test_register_with_taken_phone_writes_nothing(login, customer_0812):
    response = login(FRONT_DESK).post(
        reverse("crm_admin:customer_add"), {"full_name": "Ibu Kembar", "phone": "0812 9988 7766"}
    )

    assert response.status_code == 200
    assert not Customer.objects.filter(full_name="Ibu Kembar").exists()
    assert response.context["form"].errors["phone"]


def test_edit_customer_and_consent(login, customer_0812):
    url = reverse("crm_admin:customer_edit", args=(customer_0812.pk,))
    client = login(StaffRole.DOCTOR)
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(allergies="Alergi lateks", marketing_consent="on")

    response = client.post(url, data)

    assert response.status_code == 302
    customer_0812.refresh_from_db()
    assert customer_0812.allergies == "Alergi lateks"
    assert customer_0812.marketing_consent
    assert customer_0812.marketing_consent_at is not None


def test_edit_with_wrong_phone_keeps_everything(login, customer_0812):
    url = reverse("crm_admin:customer_edit", args=(customer_0812.pk,))

    response = login(FRONT_DESK).post(
        url, {"full_name": customer_0812.full_name, "phone": "0812", "allergies": "Baru", "marketing_consent": "on"}
    )

    assert response.status_code == 200
    customer_0812.refresh_from_db()
    assert str(customer_0812.phone) == "+6281299887766"
    assert customer_0812.allergies == ""
    assert not customer_0812.marketing_consent


def test_therapist_cannot_edit_customer(login, customer_0812):
    response = login(StaffRole.THERAPIST).post(
        reverse("crm_admin:customer_edit", args=(customer_0812.pk,)),
        {"full_name": "Nama Lain", "phone": "0812 9988 7766"},
    )

    assert is_rejection(response)
    customer_0812.refresh_from_db()
    assert customer_0812.full_name == "Ibu Cari Nomor"
