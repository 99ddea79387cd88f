"""Orders: selling products with a voucher, status changes, cancelling, and rejected input."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from crm import services
from crm.models import Order, OrderStatus, PaymentMethod, Product, StaffRole, VoucherKind, VoucherRedemption
from tests.crm.admin.conftest import error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory, ProductFactory, VoucherFactory

FRONT_DESK = StaffRole.FRONT_DESK


@pytest.fixture
def serum(db):
    return ProductFactory(name="Serum Uji", price=Decimal("150000"), stock=5)


@pytest.fixture
def buyer(db):
    return CustomerFactory(full_name="Ibu Pembeli")


def order_form(customer, *lines, **fields) -> dict:
    data = {
        "customer": customer.pk,
        "lines-TOTAL_FORMS": "4",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "20",
        **fields,
    }
    for index, (product, quantity) in enumerate(lines):
        data[f"lines-{index}-product"] = product.pk
        data[f"lines-{index}-quantity"] = quantity
    return data


def test_sell_with_voucher_and_payment(login, staff, branch, serum, buyer):
    VoucherFactory(code="HEMAT50", kind=VoucherKind.AMOUNT, percent=None, amount=Decimal("50000"))

    response = login(FRONT_DESK).post(
        reverse("crm_admin:order_add") + f"?branch={branch.code}",
        order_form(buyer, (serum, 2), voucher_code="hemat50", payment_method=PaymentMethod.QRIS, place="1"),
    )

    order = Order.objects.get(customer=buyer)
    assert response["Location"] == reverse("crm_admin:order_detail", args=(order.pk,))
    assert order.branch == branch
    assert order.subtotal == Decimal("300000")
    assert order.voucher_discount == Decimal("50000")
    assert order.total == Decimal("250000")
    assert order.status == OrderStatus.PAID
    assert order.payment_method == PaymentMethod.QRIS
    assert order.placed_by == staff[FRONT_DESK]
    serum.refresh_from_db()
    assert serum.stock == 3
    assert VoucherRedemption.objects.get(order=order).discount_amount == Decimal("50000")


def test_price_check_places_nothing(login, branch, serum, buyer):
    VoucherFactory(code="PERSEN10", percent=Decimal("10"))

    response = login(FRONT_DESK).post(
        reverse("crm_admin:order_add"), order_form(buyer, (serum, 1), voucher_code="PERSEN10", preview="1")
    )

    assert response.status_code == 200
    totals = dict(response.context["quote"]["totals"])
    assert list(totals.values())[-1] == "Rp 135.000"
    assert not Order.objects.filter(customer=buyer).exists()
    serum.refresh_from_db()
    assert serum.stock == 5


def test_expired_voucher_writes_nothing(login, branch, serum, buyer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    VoucherFactory(code="LAMA", valid_from=yesterday - datetime.timedelta(days=10), valid_until=yesterday)

    response = login(FRONT_DESK).post(
        reverse("crm_admin:order_add"), order_form(buyer, (serum, 1), voucher_code="LAMA", place="1")
    )

    assert response.status_code == 200
    assert not Order.objects.filter(customer=buyer).exists()
    serum.refresh_from_db()
    assert serum.stock == 5
    expected = error_text("voucher_expired", code="LAMA", date=yesterday.isoformat())
    assert expected in messages_of(response)
    assert expected in response.context["form"].errors["voucher_code"]


def test_out_of_stock_writes_nothing(login, branch, serum, buyer):
    response = login(FRONT_DESK).post(reverse("crm_admin:order_add"), order_form(buyer, (serum, 9), place="1"))

    assert response.status_code == 200
    assert not Order.objects.filter(customer=buyer).exists()
    assert messages_of(response) == [
        error_text("product_out_of_stock", product=serum.name, available=5, requested=9)
    ]


def test_empty_order_is_rejected(login, buyer):
    response = login(FRONT_DESK).post(reverse("crm_admin:order_add"), order_form(buyer, place="1"))

    assert response.status_code == 200
    assert not Order.objects.filter(customer=buyer).exists()
    assert messages_of(response) == [error_text("order_empty")]


@pytest.fixture
def pending_order(staff, branch, serum, buyer):
    return services.place_order(actor=staff[FRONT_DESK], customer=buyer, branch=branch, items=[(serum.pk, 1)])


def test_order_status_steps(login, pending_order):
    client = login(FRONT_DESK)
    url = reverse("crm_admin:order_status", args=(pending_order.pk,))

    client.post(url, {"status": OrderStatus.PAID, "payment_method": PaymentMethod.CASH})
    pending_order.refresh_from_db()
    assert pending_order.status == OrderStatus.PAID
    assert pending_order.payment_method == PaymentMethod.CASH

    client.post(url, {"status": OrderStatus.READY})
    pending_order.refresh_from_db()
    assert pending_order.status == OrderStatus.READY
    assert pending_order.status_changes.count() == 3


def test_paying_without_method_changes_nothing(login, pending_order):
    response = login(FRONT_DESK).post(
        reverse("crm_admin:order_status", args=(pending_order.pk,)), {"status": OrderStatus.PAID}
    )

    pending_order.refresh_from_db()
    assert pending_order.status == OrderStatus.PENDING
    assert messages_of(response) == [error_text("payment_method_required", order=pending_order.number)]


def test_skipping_lifecycle_changes_nothing(login, pending_order):
    response = login(FRONT_DESK).post(
        reverse("crm_admin:order_status", args=(pending_order.pk,)), {"status": OrderStatus.COMPLETED}
    )

    pending_order.refresh_from_db()
    assert pending_order.status == OrderStatus.PENDING
    assert messages_of(response) == [
        error_text(
            "order_status_invalid",
            order=pending_order.number,
            from_status=OrderStatus.PENDING.label,
            to_status=OrderStatus.COMPLETED.label,
        )
    ]


def test_cancel_puts_stock_back(login, pending_order, serum):
    response = login(FRONT_DESK).post(reverse("crm_admin:order_cancel", args=(pending_order.pk,)), {"note": "Batal"})

    assert response.status_code == 302
    pending_order.refresh_from_db()
    serum.refresh_from_db()
    assert pending_order.status == OrderStatus.CANCELLED
    assert serum.stock == 5


def test_detail_offers_only_next_statuses(login, pending_order):
    response = login(FRONT_DESK).get(reverse("crm_admin:order_detail", args=(pending_order.pk,)))

    assert [status for status, _label in response.context["next_statuses"]] == [OrderStatus.PAID]
    assert response.context["can_cancel"]
    assert "Rp 150.000" in response.content.decode()


def test_marketing_cannot_change_orders(login, pending_order):
    response = login(StaffRole.MARKETING).post(
        reverse("crm_admin:order_status", args=(pending_order.pk,)),
        {"status": OrderStatus.PAID, "payment_method": PaymentMethod.CASH},
    )

    assert is_rejection(response)
    pending_order.refresh_from_db()
    assert pending_order.status == OrderStatus.PENDING


def test_order_list_filters_by_status(login, staff, branch, pending_order, serum, buyer):
    paid = services.place_order(
        actor=staff[FRONT_DESK], customer=buyer, branch=branch, items=[(serum.pk, 1)], payment_method=PaymentMethod.CASH
    )
    services.set_order_status(actor=staff[FRONT_DESK], order=paid, status=OrderStatus.PAID)

    response = login(FRONT_DESK).get(reverse("crm_admin:order_list"), {"branch": branch.code, "status": OrderStatus.PAID})

    assert list(response.context["object_list"]) == [paid]
    assert Product.objects.get(pk=serum.pk).stock == 3
