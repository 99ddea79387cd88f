"""Customer mutations: register, queue numbers, vouchers, orders, profile, testimonial, export."""

import datetime
import json
from decimal import Decimal

from django.utils import timezone

from cms.models import Testimonial
from crm.models import Customer, TicketStatus, VoucherKind
from tests.crm.factories import ProductFactory, QueueTicketFactory, TreatmentRecordFactory, VoucherFactory
from tests.crm.schema.conftest import errors_of, gid

REGISTER = (
    "mutation ($name: String!, $phone: String!, $email: String!, $password: String!) "
    "{ register(fullName: $name, phone: $phone, email: $email, password: $password) "
    "{ profile { fullName phone email } errors { field code message } } }"
)
TAKE = "mutation ($slug: String) { takeQueueNumber(branch: \"kemang\", serviceSlug: $slug) { ticket { id number status position } errors { field code } } }"


def test_register_creates_account_and_customer(api):
    _, body = api()(REGISTER, {"name": "Ayu Lestari", "phone": "0812 9876 5432", "email": "Ayu@Example.com", "password": "kulit-sehat-2026"})
    payload = body["data"]["register"]
    assert payload["errors"] == []
    assert payload["profile"] == {"fullName": "Ayu Lestari", "phone": "+6281298765432", "email": "ayu@example.com"}
    customer = Customer.objects.get(email="ayu@example.com")
    assert customer.user.check_password("kulit-sehat-2026")


def test_register_weak_password_changes_nothing(api):
    _, body = api()(REGISTER, {"name": "Ayu", "phone": "0812 9876 5439", "email": "weak@example.com", "password": "123"})
    assert body["data"]["register"]["errors"][0]["code"] == "password_invalid"
    assert body["data"]["register"]["errors"][0]["field"] == "password"
    assert not Customer.objects.filter(email="weak@example.com").exists()


def test_register_bad_phone_leaves_no_user(api, django_user_model):
    _, body = api()(REGISTER, {"name": "Ayu", "phone": "12", "email": "phone@example.com", "password": "kulit-sehat-2026"})
    assert body["data"]["register"]["errors"][0]["code"] == "phone_invalid"
    assert not django_user_model.objects.filter(email="phone@example.com").exists()


def test_take_queue_number_once_per_day(api, owner):
    post = api(owner.user)
    _, first = post(TAKE, {"slug": "facial-glow-brightening"})
    ticket = first["data"]["takeQueueNumber"]["ticket"]
    assert first["data"]["takeQueueNumber"]["errors"] == []
    assert ticket["status"] == "waiting"
    assert ticket["number"].startswith("A-")
    assert ticket["position"] >= 1

    _, second = post(TAKE)
    assert second["data"]["takeQueueNumber"] == {"ticket": None, "errors": [{"field": "branch", "code": "ticket_already_active"}]}
    assert owner.queue_tickets.count() == 1

    post("mutation ($id: ID!) { cancelQueueTicket(id: $id) { errors { code } } }", {"id": ticket["id"]})
    _, third = post(TAKE)
    assert third["data"]["takeQueueNumber"]["errors"] == []


def test_take_queue_number_unknown_branch(api, owner):
    _, body = api(owner.user)("mutation { takeQueueNumber(branch: \"nowhere\") { ticket { id } errors { field code } } }")
    assert body["data"]["takeQueueNumber"]["errors"] == [{"field": "branch", "code": "not_found"}]


def test_staff_without_customer_profile_cannot_take_number(api, staff):
    _, body = api(staff["front_desk"])(TAKE)
    assert errors_of(body) == ["FORBIDDEN"]


VALIDATE = (
    "mutation ($code: String!, $items: [OrderLineInput!]!) { validateVoucher(code: $code, items: $items) "
    "{ quote { voucher { code } subtotal { amount } voucherDiscount { amount } total { amount } } errors { code } } }"
)
PLACE = (
    "mutation ($items: [OrderLineInput!]!, $code: String) { placeOrder(items: $items, voucherCode: $code) "
    "{ order { number status channel subtotal { amount } voucherDiscount { amount } total { amount display } voucherCode "
    "items { quantity unitPrice { amount } product { name } } } errors { field code } } }"
)


def test_validate_voucher_and_place_order(api, owner):
    product = ProductFactory(price=Decimal("150000"), stock=5)
    voucher = VoucherFactory(kind=VoucherKind.AMOUNT, percent=None, amount=Decimal("25000"))
    items = [{"productId": gid("Product", product), "quantity": 2}]
    post = api(owner.user)

    _, quote = post(VALIDATE, {"code": voucher.code.lower(), "items": items})
    assert quote["data"]["validateVoucher"]["quote"] == {
        "voucher": {"code": voucher.code},
        "subtotal": {"amount": "300000"},
        "voucherDiscount": {"amount": "25000"},
        "total": {"amount": "275000"},
    }
    voucher.refresh_from_db()
    assert voucher.times_used == 0

    _, placed = post(PLACE, {"items": items, "code": voucher.code})
    order = placed["data"]["placeOrder"]["order"]
    assert placed["data"]["placeOrder"]["errors"] == []
    assert order["status"] == "pending"
    assert order["channel"] == "online"
    assert order["total"] == {"amount": "275000", "display": "Rp 275.000"}
    assert order["items"] == [{"quantity": 2, "unitPrice": {"amount": "150000"}, "product": {"name": product.name}}]
    product.refresh_from_db()
    assert product.stock == 3


def test_validate_expired_voucher(api, owner):
    product = ProductFactory()
    voucher = VoucherFactory(
        valid_from=timezone.localdate() - datetime.timedelta(days=10),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    _, body = api(owner.user)(VALIDATE, {"code": voucher.code, "items": [{"productId": gid("Product", product), "quantity": 1}]})
    assert body["data"]["validateVoucher"]["errors"] == [{"code": "voucher_expired"}]


def test_place_order_with_bad_product_id(api, owner):
    _, body = api(owner.user)(PLACE, {"items": [{"productId": "bogus", "quantity": 1}]})
    assert body["data"]["placeOrder"]["errors"] == [{"field": "items", "code": "not_found"}]


def test_update_profile_and_consents(api, owner):
    post = api(owner.user)
    _, body = post(
        "mutation { updateProfile(input: {fullName: \"  Ratna  Dewi \", skinType: \"oily\"}) { profile { fullName skinType } errors { code } } }"
    )
    assert body["data"]["updateProfile"] == {"profile": {"fullName": "Ratna Dewi", "skinType": "oily"}, "errors": []}
    _, body = post("mutation { updateProfile(input: {skinType: \"scaly\"}) { profile { skinType } errors { field code } } }")
    assert body["data"]["updateProfile"]["errors"] == [{"field": "skinType", "code": "choice_invalid"}]
    _, body = post("mutation { setConsents(marketingConsent: true) { profile { marketingConsent marketingConsentAt } errors { code } } }")
    assert body["data"]["setConsents"]["profile"]["marketingConsent"] is True
    assert body["data"]["setConsents"]["profile"]["marketingConsentAt"] is not None


SUBMIT = (
    "mutation { submitTestimonial(rating: 5, text: \"Kulit jadi cerah.\", displayName: \"R. A.\", consentToPublish: true) "
    "{ submitted errors { code } } }"
)


def test_testimonial_needs_a_treatment(api, owner):
    _, body = api(owner.user)(SUBMIT)
    assert body["data"]["submitTestimonial"] == {"submitted": None, "errors": [{"code": "no_treatment_yet"}]}


def test_testimonial_enters_moderation(api, owner):
    QueueTicketFactory(customer=owner, status=TicketStatus.DONE)
    _, body = api(owner.user)(SUBMIT)
    assert body["data"]["submitTestimonial"] == {"submitted": True, "errors": []}
    testimonial = Testimonial.objects.get(text="Kulit jadi cerah.")
    assert testimonial.live is False
    assert testimonial.latest_revision is not None
    _, public = api()("{ testimonials(limit: 50) { text } }")
    assert "Kulit jadi cerah." not in [item["text"] for item in public["data"]["testimonials"]]


def test_export_my_data(api, owner):
    owner.notes = "Sensitive to retinol"
    owner.save()
    TreatmentRecordFactory(customer=owner)
    _, body = api(owner.user)("mutation { exportMyData { data errors { code } } }")
    data = json.loads(body["data"]["exportMyData"]["data"])
    assert data["profile"]["fullName"] == owner.full_name
    assert data["profile"]["notes"] == "Sensitive to retinol"
    assert len(data["treatmentRecords"]) == 1
    assert set(data) >= {"consents", "account", "queueTickets", "orders", "voucherUses", "personalVouchers"}
