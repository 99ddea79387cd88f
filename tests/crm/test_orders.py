import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from cms.models import PromotionPage
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Order, OrderChannel, OrderStatus, PaymentMethod, VoucherRedemption
from crm.services import OrderLine, cancel_order, place_order, quote_order, set_order_status
from tests.crm.factories import BranchFactory, CustomerFactory, ProductFactory, UserFactory, VoucherFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def serum(db):
    return ProductFactory(name="Serum Uji", price=D(185000), stock=5)


@pytest.fixture
def sunscreen(db):
    return ProductFactory(name="Sunscreen Uji", price=D(145000), stock=2)


@pytest.fixture
def active_promotion(db):
    """The demo's year-end promotion: 20% off, active today."""
    promotion = PromotionPage.objects.get(slug="promo-akhir-tahun")
    assert promotion.is_active()
    return promotion


def test_order_priced_from_database(front_desk, branch, customer, serum, sunscreen):
    order = place_order(
        actor=front_desk,
        customer=customer,
        branch=branch,
        items=[{"product_id": serum.pk, "quantity": 2, "unit_price": 1}, (sunscreen.pk, 1)],
    )

    assert order.subtotal == D(515000)
    assert order.total == D(515000)
    assert order.status == OrderStatus.PENDING
    items = {item.product_id: item for item in order.items.all()}
    assert items[serum.pk].unit_price == D(185000)
    assert items[serum.pk].product_name == "Serum Uji"
    assert items[serum.pk].line_subtotal == D(370000)


def test_order_number_per_local_day(front_desk, branch, customer, serum):
    # 23:55 on 1 March in Jakarta, then 00:05 on 2 March.
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 3, 1, 16, 55, tzinfo=datetime.UTC)):
        first = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])
        second = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 3, 1, 17, 5, tzinfo=datetime.UTC)):
        next_day = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])

    assert first.number == "ORD-20260301-0001"
    assert second.number == "ORD-20260301-0002"
    assert next_day.number == "ORD-20260302-0001"


def test_order_number_format(front_desk, branch, customer, serum):
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])

    assert re.fullmatch(rf"ORD-{timezone.localdate():%Y%m%d}-\d{{4}}", order.number)


def test_stock_decreases(front_desk, branch, customer, serum):
    place_order(actor=front_desk, customer=customer, branch=branch, items=[OrderLine(serum.pk, 3)])

    serum.refresh_from_db()
    assert serum.stock == 2


def test_repeated_product_lines_merged(front_desk, branch, customer, serum):
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1), (serum.pk, 2)])

    assert order.items.get().quantity == 3


def test_out_of_stock_rejected_nothing_written(front_desk, branch, customer, serum, sunscreen):
    orders = Order.objects.count()

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1), (sunscreen.pk, 3)])

    assert raised.value.code == "product_out_of_stock"
    assert "Sunscreen Uji" in raised.value.message
    assert raised.value.params["available"] == 2
    assert Order.objects.count() == orders
    serum.refresh_from_db()
    assert serum.stock == 5


def test_inactive_product_rejected(front_desk, branch, customer):
    retired = ProductFactory(name="Produk Lama", is_active=False)

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(retired.pk, 1)])

    assert raised.value.code == "product_inactive"
    assert "Produk Lama" in raised.value.message


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([], "order_empty"),
        ([(0, 1)], "product_not_found"),
        ([("abc", 1)], "product_not_found"),
        ([(None, 0)], "product_not_found"),
    ],
)
def test_bad_items_rejected(front_desk, branch, customer, items, code):
    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=items)

    assert raised.value.code == code


@pytest.mark.parametrize("quantity", [0, -1, 1.5, "2", True, 100])
def test_bad_quantity_rejected(front_desk, branch, customer, quantity):
    product = ProductFactory(stock=500)

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, quantity)])

    assert raised.value.code == "quantity_invalid"


def test_promotion_applies_to_linked_product(front_desk, branch, customer, serum, sunscreen, active_promotion):
    serum.promotions.add(active_promotion)

    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1), (sunscreen.pk, 1)])

    assert order.promotion_discount == D(37000)  # 20% of 185 000; the sunscreen is not linked
    assert order.total == D(185000 + 145000 - 37000)
    serum_item = order.items.get(product=serum)
    assert serum_item.promotion_id == active_promotion.pk
    assert serum_item.promotion_title == active_promotion.title
    assert order.items.get(product=sunscreen).promotion_discount == 0


def test_expired_promotion_not_applied(front_desk, branch, customer, serum):
    past = PromotionPage.objects.get(slug="promo-kemerdekaan")
    serum.promotions.add(past)

    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])

    assert order.promotion_discount == 0


def test_voucher_applied_after_promotion(front_desk, branch, customer, serum, active_promotion):
    serum.promotions.add(active_promotion)
    voucher = VoucherFactory(percent=D(10))

    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 2)], voucher_code=voucher.code.lower())

    # 370 000 - 20% promotion (74 000) = 296 000; 10% voucher = 29 600.
    assert order.promotion_discount == D(74000)
    assert order.voucher_discount == D(29600)
    assert order.total == D(266400)
    assert order.voucher == voucher
    redemption = VoucherRedemption.objects.get(order=order)
    assert redemption.discount_amount == D(29600)
    voucher.refresh_from_db()
    assert voucher.times_used == 1


def test_rejected_voucher_leaves_no_order(front_desk, branch, customer, serum):
    expired = VoucherFactory(valid_from=timezone.localdate() - datetime.timedelta(days=10), valid_until=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], voucher_code=expired.code)

    assert raised.value.code == "voucher_expired"
    assert not Order.objects.filter(customer=customer).exists()
    serum.refresh_from_db()
    assert serum.stock == 5


def test_treatment_voucher_rejected_on_products(front_desk, branch, customer, serum):
    voucher = VoucherFactory(scope="treatments")

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], voucher_code=voucher.code)

    assert raised.value.code == "voucher_wrong_scope"


def test_quote_matches_order_and_writes_nothing(front_desk, branch, customer, serum, active_promotion):
    serum.promotions.add(active_promotion)
    voucher = VoucherFactory(kind="amount", percent=None, amount=D(20000))

    preview = quote_order(customer=customer, items=[(serum.pk, 1)], voucher_code=voucher.code)

    assert not Order.objects.filter(customer=customer).exists()
    voucher.refresh_from_db()
    assert voucher.times_used == 0
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], voucher_code=voucher.code)
    assert (preview.quote.subtotal, preview.quote.promotion_discount, preview.quote.voucher_discount, preview.quote.total) == (
        order.subtotal,
        order.promotion_discount,
        order.voucher_discount,
        order.total,
    )


def test_cancel_restores_stock_and_voucher(front_desk, branch, customer, serum):
    voucher = VoucherFactory(usage_limit=1)
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 2)], voucher_code=voucher.code)

    cancelled = cancel_order(actor=front_desk, order=order, note="Salah pesan")

    serum.refresh_from_db()
    voucher.refresh_from_db()
    assert cancelled.status == OrderStatus.CANCELLED
    assert serum.stock == 5
    assert voucher.times_used == 0
    assert VoucherRedemption.objects.get(order=order).released_at is not None
    again = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], voucher_code=voucher.code)
    assert again.voucher == voucher


def test_lifecycle_in_order(front_desk, branch, customer, serum):
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])

    order = set_order_status(actor=front_desk, order=order, status=OrderStatus.PAID, payment_method=PaymentMethod.QRIS)
    order = set_order_status(actor=front_desk, order=order, status=OrderStatus.READY)
    order = set_order_status(actor=front_desk, order=order, status=OrderStatus.COMPLETED)

    assert order.payment_method == PaymentMethod.QRIS
    assert list(order.status_changes.values_list("to_status", flat=True)) == ["pending", "paid", "ready", "completed"]
    assert all(change.changed_by == front_desk for change in order.status_changes.all())


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], OrderStatus.READY),
        ([], OrderStatus.COMPLETED),
        ([OrderStatus.PAID], OrderStatus.COMPLETED),
        ([OrderStatus.PAID, OrderStatus.READY, OrderStatus.COMPLETED], OrderStatus.CANCELLED),
        ([OrderStatus.CANCELLED], OrderStatus.PAID),
    ],
)
def test_lifecycle_skips_rejected(front_desk, branch, customer, serum, path, target):
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], payment_method=PaymentMethod.CASH)
    for status in path:
        order = set_order_status(actor=front_desk, order=order, status=status)

    with pytest.raises(CrmError) as raised:
        set_order_status(actor=front_desk, order=order, status=target)

    assert raised.value.code == "order_status_invalid"
    order.refresh_from_db()
    assert order.status == (path[-1] if path else OrderStatus.PENDING)


def test_paid_needs_payment_method(front_desk, branch, customer, serum):
    order = place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)])

    with pytest.raises(CrmError) as raised:
        set_order_status(actor=front_desk, order=order, status=OrderStatus.PAID)

    assert raised.value.code == "payment_method_required"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


@pytest.mark.parametrize("role_fixture", ["therapist", "marketing"])
def test_roles_without_orders_refused(request, role_fixture, branch, customer, serum):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        place_order(actor=actor, customer=customer, branch=branch, items=[(serum.pk, 1)])

    serum.refresh_from_db()
    assert serum.stock == 5


def test_customer_orders_online_for_self(branch, serum):
    user = UserFactory()
    own = CustomerFactory(user=user)

    order = place_order(actor=user, customer=own, branch=branch, items=[(serum.pk, 1)], channel=OrderChannel.ONLINE)

    assert order.placed_by == user
    with pytest.raises(CrmPermissionDenied):
        place_order(actor=user, customer=CustomerFactory(), branch=branch, items=[(serum.pk, 1)], channel=OrderChannel.ONLINE)
    with pytest.raises(CrmPermissionDenied):
        set_order_status(actor=user, order=order, status=OrderStatus.PAID, payment_method=PaymentMethod.CASH)
    assert cancel_order(actor=user, order=order).status == OrderStatus.CANCELLED


def test_customer_cannot_cancel_paid_order(front_desk, branch, serum):
    user = UserFactory()
    own = CustomerFactory(user=user)
    order = place_order(actor=front_desk, customer=own, branch=branch, items=[(serum.pk, 1)], payment_method=PaymentMethod.CASH)
    set_order_status(actor=front_desk, order=order, status=OrderStatus.PAID)

    with pytest.raises(CrmPermissionDenied):
        cancel_order(actor=user, order=order)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_inactive_branch_rejected(front_desk, customer, serum):
    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=BranchFactory(is_active=False), items=[(serum.pk, 1)])

    assert raised.value.code == "branch_inactive"


def test_invalid_payment_method_rejected(front_desk, branch, customer, serum):
    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(serum.pk, 1)], payment_method="bitcoin")

    assert raised.value.code == "choice_invalid"
    assert raised.value.field == "payment_method"
