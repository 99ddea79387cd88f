"""The discount rules of crm.pricing: promotions first per line, then one voucher, never negative."""

from decimal import Decimal

import pytest

from crm.pricing import (
    PRODUCT_LINE,
    TREATMENT_LINE,
    PriceLine,
    PromotionTerms,
    VoucherTerms,
    best_promotion,
    eligible_amount,
    price_lines,
    promotion_discount,
    voucher_discount,
)

D = Decimal


def product(price, quantity=1, promotions=()):
    return PriceLine(kind=PRODUCT_LINE, unit_price=D(price), quantity=quantity, promotion_ids=frozenset(promotions))


def treatment(price, service_id=1):
    return PriceLine(kind=TREATMENT_LINE, unit_price=D(price), service_id=service_id)


def percent_promotion(promotion_id, percent, *, services=(), all_services=False):
    return PromotionTerms(
        id=promotion_id, title=f"P{promotion_id}", kind="percent", percent=D(percent),
        applies_to_all_services=all_services, service_ids=frozenset(services),
    )


def amount_promotion(promotion_id, amount, *, services=(), all_services=False):
    return PromotionTerms(
        id=promotion_id, title=f"P{promotion_id}", kind="amount", amount=D(amount),
        applies_to_all_services=all_services, service_ids=frozenset(services),
    )


def test_no_discounts_total_is_subtotal():
    quote = price_lines([product(100000, 2), product(45000)])

    assert quote.subtotal == D(245000)
    assert quote.promotion_discount == 0
    assert quote.voucher_discount == 0
    assert quote.total == D(245000)


def test_percent_promotion_rounds_half_up():
    # 12.5% of 99 999 = 12 499.875 -> 12 500
    line = product(99999, promotions=[7])
    assert promotion_discount(percent_promotion(7, "12.5"), line) == D(12500)
    # 10% of 12 345 = 1 234.5 -> 1 235 (half up, not banker's rounding)
    assert promotion_discount(percent_promotion(7, 10), product(12345, promotions=[7])) == D(1235)


def test_amount_promotion_applies_per_unit_capped_by_price():
    promotion = amount_promotion(3, 30000)

    assert promotion_discount(promotion, product(100000, 3, promotions=[3])) == D(90000)
    assert promotion_discount(promotion, product(20000, 2, promotions=[3])) == D(40000)


def test_product_needs_explicit_promotion_link():
    all_services = percent_promotion(1, 50, all_services=True)

    assert best_promotion(product(100000), [all_services]) == (None, 0)
    assert best_promotion(treatment(100000), [all_services]) == (all_services, D(50000))


def test_treatment_covered_by_listed_service_only():
    promotion = percent_promotion(1, 20, services=[5])

    assert best_promotion(treatment(100000, service_id=5), [promotion])[1] == D(20000)
    assert best_promotion(treatment(100000, service_id=6), [promotion])[1] == 0


def test_best_promotion_wins_no_stacking():
    small = percent_promotion(1, 10, services=[5])
    large = amount_promotion(2, 30000, services=[5])

    chosen, discount = best_promotion(treatment(200000, service_id=5), [small, large])

    assert chosen == large
    assert discount == D(30000)


def test_voucher_applies_after_promotion():
    promoted = product(200000, promotions=[1])
    quote = price_lines(
        [promoted, product(100000)],
        promotions=[percent_promotion(1, 25)],
        voucher=VoucherTerms(kind="percent", scope="products", percent=D(10)),
    )

    assert quote.subtotal == D(300000)
    assert quote.promotion_discount == D(50000)
    assert quote.voucher_eligible_amount == D(250000)
    assert quote.voucher_discount == D(25000)
    assert quote.total == D(225000)


def test_percent_voucher_capped_by_max_discount():
    terms = VoucherTerms(kind="percent", scope="all", percent=D(50), max_discount=D(75000))

    assert voucher_discount(terms, D(400000)) == D(75000)
    assert voucher_discount(terms, D(100000)) == D(50000)


def test_amount_voucher_never_exceeds_eligible():
    terms = VoucherTerms(kind="amount", scope="all", amount=D(500000))
    quote = price_lines([product(120000)], voucher=terms)

    assert quote.voucher_discount == D(120000)
    assert quote.total == 0


def test_full_promotion_leaves_nothing_for_voucher():
    quote = price_lines(
        [product(80000, promotions=[1])],
        promotions=[percent_promotion(1, 100)],
        voucher=VoucherTerms(kind="amount", scope="products", amount=D(10000)),
    )

    assert quote.promotion_discount == D(80000)
    assert quote.voucher_discount == 0
    assert quote.total == 0


@pytest.mark.parametrize(
    ("scope", "expected"),
    [("products", D(100000)), ("treatments", D(160000)), ("all", D(260000))],
)
def test_voucher_scope_selects_lines(scope, expected):
    lines = [product(100000), treatment(200000, service_id=9)]
    promotions = [percent_promotion(1, 20, services=[9])]

    assert eligible_amount(lines, promotions=promotions, scope=scope) == expected


def test_voucher_percent_rounds_half_up():
    terms = VoucherTerms(kind="percent", scope="all", percent=D("2.5"))

    # 2.5% of 1 100 = 27.5 -> 28
    assert voucher_discount(terms, D(1100)) == D(28)


def test_total_never_negative():
    quote = price_lines(
        [product(1000, promotions=[1])],
        promotions=[amount_promotion(1, 5000)],
        voucher=VoucherTerms(kind="amount", scope="all", amount=D(5000)),
    )

    assert quote.total == 0
    assert quote.promotion_discount + quote.voucher_discount == quote.subtotal
