import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.models import ServicePage
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import TicketStatus, Voucher, VoucherKind, VoucherRedemption, VoucherScope
from crm.services import issue_voucher, place_order, redeem_voucher, set_ticket_status, validate_voucher
from tests.crm.factories import CustomerFactory, ProductFactory, QueueTicketFactory, VoucherFactory

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = timezone.localdate


def days(count):
    return datetime.timedelta(days=count)


def check(voucher, customer, amount=D(500000), scope=VoucherScope.PRODUCTS):
    return validate_voucher(code=voucher.code, customer=customer, target_scope=scope, eligible_amount=amount)


def test_valid_voucher_found_ignoring_case(customer):
    voucher = VoucherFactory(code="HEMAT25")

    assert validate_voucher(code=" hemat25 ", customer=customer, target_scope=VoucherScope.PRODUCTS, eligible_amount=D(1)) == voucher


def test_unknown_code(customer):
    with pytest.raises(CrmError) as raised:
        validate_voucher(code="TIDAKADA", customer=customer, target_scope=VoucherScope.PRODUCTS, eligible_amount=D(1))

    assert raised.value.code == "voucher_not_found"
    assert raised.value.field == "voucher_code"


def test_expired(customer):
    voucher = VoucherFactory(valid_from=TODAY() - days(30), valid_until=TODAY() - days(1))

    with pytest.raises(CrmError) as raised:
        check(voucher, customer)

    assert raised.value.code == "voucher_expired"
    assert voucher.code in raised.value.message


def test_last_valid_day_still_valid(customer):
    voucher = VoucherFactory(valid_from=TODAY() - days(30), valid_until=TODAY())

    assert check(voucher, customer) == voucher


def test_not_started(customer):
    voucher = VoucherFactory(valid_from=TODAY() + days(1), valid_until=TODAY() + days(5))

    with pytest.raises(CrmError) as raised:
        check(voucher, customer)

    assert raised.value.code == "voucher_not_started"


def test_used_up(customer):
    voucher = VoucherFactory(usage_limit=3, times_used=3)

    with pytest.raises(CrmError) as raised:
        check(voucher, customer)

    assert raised.value.code == "voucher_used_up"


def test_per_customer_limit(front_desk, branch, customer):
    voucher = VoucherFactory(per_customer_limit=1)
    product = ProductFactory()
    place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code)

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code)

    assert raised.value.code == "voucher_customer_limit"
    assert check(voucher, CustomerFactory()) == voucher


def test_not_yours(customer):
    voucher = VoucherFactory(owner=CustomerFactory())

    with pytest.raises(CrmError) as raised:
        check(voucher, customer)

    assert raised.value.code == "voucher_not_yours"


def test_owner_can_use_personal_voucher():
    owner = CustomerFactory()
    voucher = VoucherFactory(owner=owner)

    assert check(voucher, owner) == voucher


def test_below_minimum_spend(customer):
    voucher = VoucherFactory(min_spend=D(300000))

    with pytest.raises(CrmError) as raised:
        check(voucher, customer, amount=D(299999))

    assert raised.value.code == "voucher_min_spend"
    assert "Rp 300.000" in raised.value.message
    assert "Rp 299.999" in raised.value.message
    assert check(voucher, customer, amount=D(300000)) == voucher


def test_min_spend_counts_after_promotion(front_desk, branch, customer):
    from cms.models import PromotionPage

    product = ProductFactory(price=D(300000))
    product.promotions.add(PromotionPage.objects.get(slug="promo-akhir-tahun"))  # 20% off today
    voucher = VoucherFactory(min_spend=D(300000))

    with pytest.raises(CrmError) as raised:
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code)

    assert raised.value.code == "voucher_min_spend"


def test_switched_off(customer):
    voucher = VoucherFactory(is_active=False)

    with pytest.raises(CrmError) as raised:
        check(voucher, customer)

    assert raised.value.code == "voucher_inactive"


@pytest.mark.parametrize(
    ("voucher_scope", "target", "allowed"),
    [
        (VoucherScope.PRODUCTS, VoucherScope.PRODUCTS, True),
        (VoucherScope.PRODUCTS, VoucherScope.TREATMENTS, False),
        (VoucherScope.TREATMENTS, VoucherScope.PRODUCTS, False),
        (VoucherScope.ALL, VoucherScope.TREATMENTS, True),
        (VoucherScope.ALL, VoucherScope.PRODUCTS, True),
    ],
)
def test_scope(customer, voucher_scope, target, allowed):
    voucher = VoucherFactory(scope=voucher_scope)

    if allowed:
        assert check(voucher, customer, scope=target) == voucher
    else:
        with pytest.raises(CrmError) as raised:
            check(voucher, customer, scope=target)
        assert raised.value.code == "voucher_wrong_scope"


def test_validate_writes_nothing(customer):
    voucher = VoucherFactory(usage_limit=1)

    check(voucher, customer)
    check(voucher, customer)

    voucher.refresh_from_db()
    assert voucher.times_used == 0
    assert not voucher.redemptions.exists()


def test_redeem_on_ticket_after_promotion(front_desk, branch, customer):
    service = ServicePage.objects.get(slug="facial-glow-brightening")  # 20% year-end promotion today
    ticket = QueueTicketFactory(branch=branch, customer=customer, service=service, service_price=service.price)
    voucher = VoucherFactory(scope=VoucherScope.TREATMENTS, percent=D(15))

    redemption = redeem_voucher(actor=front_desk, code=voucher.code, ticket=ticket)

    # 350 000 - 20% = 280 000; 15% of that = 42 000.
    assert redemption.discount_amount == D(42000)
    assert redemption.ticket == ticket
    assert redemption.order is None
    assert redemption.redeemed_by == front_desk


def test_one_voucher_per_ticket(front_desk, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=customer)
    redeem_voucher(actor=front_desk, code=VoucherFactory().code, ticket=ticket)

    with pytest.raises(CrmError) as raised:
        redeem_voucher(actor=front_desk, code=VoucherFactory().code, ticket=ticket)

    assert raised.value.code == "voucher_ticket_taken"


def test_product_voucher_rejected_on_treatment(front_desk, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=customer)

    with pytest.raises(CrmError) as raised:
        redeem_voucher(actor=front_desk, code=VoucherFactory(scope=VoucherScope.PRODUCTS).code, ticket=ticket)

    assert raised.value.code == "voucher_wrong_scope"
    assert not VoucherRedemption.objects.filter(ticket=ticket).exists()


def test_walk_in_ticket_needs_customer(front_desk, branch):
    ticket = QueueTicketFactory(branch=branch, customer=None, walk_in_name="Ibu Ani")

    with pytest.raises(CrmError) as raised:
        redeem_voucher(actor=front_desk, code=VoucherFactory().code, ticket=ticket)

    assert raised.value.code == "visitor_required"


def test_cancelled_ticket_releases_voucher(front_desk, branch, customer):
    voucher = VoucherFactory(usage_limit=1)
    ticket = QueueTicketFactory(branch=branch, customer=customer)
    redeem_voucher(actor=front_desk, code=voucher.code, ticket=ticket)

    set_ticket_status(actor=front_desk, ticket=ticket, status=TicketStatus.CANCELLED)

    voucher.refresh_from_db()
    assert voucher.times_used == 0
    assert VoucherRedemption.objects.get(ticket=ticket).released_at is not None
    with pytest.raises(CrmError) as raised:
        redeem_voucher(actor=front_desk, code=voucher.code, ticket=ticket)
    assert raised.value.code == "ticket_closed"


def test_redeem_refused_for_therapist(therapist, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=customer)

    with pytest.raises(CrmPermissionDenied):
        redeem_voucher(actor=therapist, code=VoucherFactory().code, ticket=ticket)


def test_issue_percent_voucher(marketing):
    voucher = issue_voucher(
        actor=marketing, code="diskon-15", kind=VoucherKind.PERCENT, percent=15, max_discount=100000,
        scope=VoucherScope.TREATMENTS, valid_until=TODAY() + days(30), usage_limit=50,
    )

    assert voucher.code == "DISKON-15"
    assert voucher.percent == D(15)
    assert voucher.valid_from == TODAY()
    assert voucher.per_customer_limit == 1
    assert voucher.created_by == marketing


def test_issue_generates_code_for_personal_voucher(marketing, customer):
    voucher = issue_voucher(
        actor=marketing, kind=VoucherKind.AMOUNT, amount=50000, owner=customer, valid_until=TODAY() + days(30)
    )

    assert voucher.code.startswith("AMZ-")
    assert voucher.owner == customer


def test_issue_code_unique_ignoring_case(marketing):
    VoucherFactory(code="PROMO1")

    with pytest.raises(CrmError) as raised:
        issue_voucher(actor=marketing, code="promo1", kind=VoucherKind.AMOUNT, amount=1000, valid_until=TODAY())

    assert raised.value.code == "voucher_code_taken"
    assert Voucher.objects.filter(code__iexact="promo1").count() == 1


@pytest.mark.parametrize(
    ("terms", "code", "field"),
    [
        ({"kind": VoucherKind.PERCENT, "percent": 0}, "voucher_value_invalid", "percent"),
        ({"kind": VoucherKind.PERCENT, "percent": 101}, "voucher_value_invalid", "percent"),
        ({"kind": VoucherKind.PERCENT}, "voucher_value_invalid", "percent"),
        ({"kind": VoucherKind.PERCENT, "percent": 10, "amount": 5000}, "voucher_value_invalid", "percent"),
        ({"kind": VoucherKind.AMOUNT, "amount": 0}, "voucher_value_invalid", "amount"),
        ({"kind": VoucherKind.AMOUNT, "amount": "12.5"}, "voucher_value_invalid", "amount"),
        ({"kind": VoucherKind.AMOUNT, "amount": "abc"}, "voucher_value_invalid", "amount"),
        ({"kind": VoucherKind.AMOUNT, "amount": 1000, "min_spend": -1}, "voucher_value_invalid", "min_spend"),
        ({"kind": VoucherKind.AMOUNT, "amount": 1000, "usage_limit": 0}, "voucher_limit_invalid", "usage_limit"),
        ({"kind": VoucherKind.AMOUNT, "amount": 1000, "code": "A B"}, "voucher_code_invalid", "code"),
        ({"kind": VoucherKind.AMOUNT, "amount": 1000, "valid_from": TODAY() + days(40)}, "voucher_period_invalid", "valid_until"),
        ({"kind": "gratis", "amount": 1000}, "choice_invalid", "kind"),
        ({"kind": VoucherKind.AMOUNT, "amount": 1000, "scope": "semua"}, "choice_invalid", "scope"),
    ],
)
def test_issue_rejects_bad_terms(marketing, terms, code, field):
    count = Voucher.objects.count()

    with pytest.raises(CrmError) as raised:
        issue_voucher(actor=marketing, valid_until=TODAY() + days(30), **terms)

    assert raised.value.code == code
    assert raised.value.field == field
    assert Voucher.objects.count() == count


@pytest.mark.parametrize("role_fixture", ["front_desk", "therapist", "doctor"])
def test_issue_refused_without_role(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        issue_voucher(actor=actor, kind=VoucherKind.AMOUNT, amount=1000, valid_until=TODAY())
