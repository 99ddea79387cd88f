import datetime

import pytest
from django.utils import timezone

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer
from crm.services import parse_phone, register_customer, set_customer_consents, update_customer
from tests.crm.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spelling", ["0812-7777-1234", "+62 812 7777 1234", "6281277771234", "(0812) 77771234"])
def test_phone_spellings_store_same_e164(front_desk, spelling):
    customer = register_customer(actor=front_desk, full_name="Sari Dewi", phone=spelling)

    assert str(customer.phone) == "+6281277771234"
    assert Customer.objects.filter(phone="081277771234").get() == customer


@pytest.mark.parametrize("spelling", ["081277771234", "+62 812-7777-1234", "62 812 7777 1234"])
def test_same_number_other_spelling_rejected(front_desk, spelling):
    register_customer(actor=front_desk, full_name="Sari Dewi", phone="0812 7777 1234")

    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="Orang Lain", phone=spelling)

    assert raised.value.code == "phone_taken"
    assert raised.value.field == "phone"
    assert Customer.objects.filter(full_name="Orang Lain").count() == 0


@pytest.mark.parametrize("phone", ["12345", "0812", "bukan nomor", "+1 555", "0812 3456 7890 1234 5"])
def test_invalid_phone_rejected(front_desk, phone):
    count = Customer.objects.count()

    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="Budi", phone=phone)

    assert raised.value.code == "phone_invalid"
    assert raised.value.field == "phone"
    assert phone.strip() in raised.value.message
    assert Customer.objects.count() == count


def test_empty_phone_rejected(front_desk):
    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="Budi", phone="  ")

    assert raised.value.code == "phone_required"


def test_international_number_accepted(front_desk):
    customer = register_customer(actor=front_desk, full_name="Tourist", phone="+65 8123 4567")

    assert str(customer.phone) == "+6581234567"


def test_email_unique_ignoring_case(front_desk):
    register_customer(actor=front_desk, full_name="A", phone="081211110001", email="Ayu@Example.com")

    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="B", phone="081211110002", email="ayu@EXAMPLE.com")

    assert raised.value.code == "email_taken"
    assert not Customer.objects.filter(phone="081211110002").exists()


def test_email_stored_lowercase(front_desk):
    customer = register_customer(actor=front_desk, full_name="A", phone="081211110003", email=" Ayu@Example.COM ")

    assert customer.email == "ayu@example.com"


def test_blank_emails_do_not_collide(front_desk):
    register_customer(actor=front_desk, full_name="A", phone="081211110004")
    register_customer(actor=front_desk, full_name="B", phone="081211110005")

    assert Customer.objects.filter(phone__in=["+6281211110004", "+6281211110005"], email="").count() == 2


def test_invalid_email_rejected(front_desk):
    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="A", phone="081211110006", email="bukan-email")

    assert raised.value.code == "email_invalid"


def test_name_required(front_desk):
    with pytest.raises(CrmError) as raised:
        register_customer(actor=front_desk, full_name="   ", phone="081211110007")

    assert raised.value.code == "name_required"


def test_future_birth_date_rejected(front_desk):
    with pytest.raises(CrmError) as raised:
        register_customer(
            actor=front_desk,
            full_name="A",
            phone="081211110008",
            birth_date=timezone.localdate() + datetime.timedelta(days=1),
        )

    assert raised.value.code == "birth_date_invalid"


def test_consents_record_time(front_desk):
    customer = register_customer(
        actor=front_desk, full_name="A", phone="081211110009", marketing_consent=True, photo_consent=False
    )

    assert customer.marketing_consent is True
    assert customer.marketing_consent_at is not None
    assert customer.photo_consent_at is None


def test_withdrawn_consent_clears_time(front_desk):
    customer = register_customer(actor=front_desk, full_name="A", phone="081211110010", photo_consent=True)

    customer = set_customer_consents(actor=front_desk, customer=customer, photo_consent=False)

    assert customer.photo_consent is False
    assert customer.photo_consent_at is None


def test_member_code_generated_unique(front_desk):
    first = register_customer(actor=front_desk, full_name="A", phone="081211110011")
    second = register_customer(actor=front_desk, full_name="B", phone="081211110012")

    assert first.member_code.startswith("AMZ-")
    assert first.member_code != second.member_code


@pytest.mark.parametrize("role_fixture", ["therapist", "marketing"])
def test_register_refused_without_role(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        register_customer(actor=actor, full_name="A", phone="081211110013")

    assert not Customer.objects.filter(phone="+6281211110013").exists()


def test_self_registration_links_account(db):
    user = UserFactory()

    customer = register_customer(actor=user, user=user, full_name="Online", phone="081211110014", notes="ignored")

    assert customer.user == user
    assert customer.notes == ""


def test_update_changes_phone_and_checks_unique(front_desk):
    taken = CustomerFactory()
    customer = CustomerFactory()

    with pytest.raises(CrmError) as raised:
        update_customer(actor=front_desk, customer=customer, phone=str(taken.phone))

    assert raised.value.code == "phone_taken"
    customer.refresh_from_db()
    assert customer.phone != taken.phone

    updated = update_customer(actor=front_desk, customer=customer, phone="0812 9999 0001", notes="VIP")
    assert str(updated.phone) == "+6281299990001"
    assert updated.notes == "VIP"


def test_customer_updates_own_profile_not_notes(db):
    user = UserFactory()
    customer = CustomerFactory(user=user)

    update_customer(actor=user, customer=customer, allergies="Lateks")
    with pytest.raises(CrmPermissionDenied):
        update_customer(actor=user, customer=customer, notes="I am VIP")

    customer.refresh_from_db()
    assert customer.allergies == "Lateks"
    assert customer.notes == ""


def test_customer_cannot_update_someone_else(db):
    user = UserFactory()
    CustomerFactory(user=user)
    other = CustomerFactory()

    with pytest.raises(CrmPermissionDenied):
        update_customer(actor=user, customer=other, full_name="Hacked")


def test_parse_phone_returns_e164():
    assert parse_phone("0821-1234-5678").as_e164 == "+6282112345678"
