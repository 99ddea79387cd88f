"""How an amount is priced: promotions first, then one voucher. The only place with these rules.

Rules, applied line by line and then to the whole bill:

1. Line subtotal = unit price × quantity, from the database (never from the client).
2. Promotion (CMS PromotionPage active today, from `cms.selectors.active_promotions`):
   - A treatment line is covered when the promotion applies to all services or lists its service.
   - A product line is covered only when the product is linked to the promotion
     (`Product.promotions`). "Applies to all services" does not extend to products, because
     CMS promotions are written for treatments.
   - A percent promotion takes `round(line subtotal × percent / 100)` off the line.
     A fixed promotion takes its amount off each unit, at most the unit price.
   - When several promotions cover a line, the one with the largest discount on that line wins;
     promotions never stack on one line.
3. Voucher, on what is left: the eligible amount is the sum of the lines in the voucher's scope
   (treatments, products or all) after their promotion discounts.
   - The eligible amount must reach the voucher's minimum spend.
   - A percent voucher takes `round(eligible × percent / 100)`, capped by its maximum discount.
     A fixed voucher takes its amount.
   - Either way the voucher discount is at most the eligible amount.
4. Total = subtotal − promotion discounts − voucher discount, never below zero.

Rounding is to whole Rupiah, half up (`common.money.to_rupiah`), once per discount.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from common.money import to_rupiah
from crm.models.choices import VoucherKind, VoucherScope

PERCENT_KIND = "percent"
AMOUNT_KIND = "amount"
TREATMENT_LINE = "treatment"
PRODUCT_LINE = "product"
ZERO = Decimal(0)


@dataclass(frozen=True)
class PromotionTerms:
    """The discount terms of one active promotion, detached from the CMS page."""

    id: int
    title: str
    kind: str  # PERCENT_KIND or AMOUNT_KIND, the values of cms.models.DiscountKind
    percent: Decimal | None = None
    amount: Decimal | None = None
    applies_to_all_services: bool = False
    service_ids: frozenset[int] = frozenset()

    @classmethod
    def from_page(cls, page) -> "PromotionTerms":
        return cls(
            id=page.pk,
            title=page.title,
            kind=page.discount_kind,
            percent=page.discount_percent,
            amount=page.discount_amount,
            applies_to_all_services=page.applies_to_all_services,
            service_ids=frozenset(service.pk for service in page.services.all()),
        )


@dataclass(frozen=True)
class PriceLine:
    """One thing to price: a product with a quantity, or one treatment."""

    kind: str  # TREATMENT_LINE or PRODUCT_LINE
    unit_price: Decimal
    quantity: int = 1
    service_id: int | None = None  # treatment lines
    promotion_ids: frozenset[int] = frozenset()  # product lines: promotions linked to the product

    @property
    def subtotal(self) -> Decimal:
        return to_rupiah(self.unit_price) * self.quantity


@dataclass(frozen=True)
class VoucherTerms:
    """The discount terms of a voucher, detached from the model so pricing needs no database."""

    kind: str  # VoucherKind
    scope: str  # VoucherScope
    percent: Decimal | None = None
    amount: Decimal | None = None
    max_discount: Decimal | None = None
    min_spend: Decimal = ZERO

    @classmethod
    def from_voucher(cls, voucher) -> "VoucherTerms":
        return cls(
            kind=voucher.kind,
            scope=voucher.scope,
            percent=voucher.percent,
            amount=voucher.amount,
            max_discount=voucher.max_discount,
            min_spend=voucher.min_spend or ZERO,
        )


@dataclass
class LineQuote:
    line: PriceLine
    subtotal: Decimal
    promotion: PromotionTerms | None
    promotion_discount: Decimal

    @property
    def net(self) -> Decimal:
        return self.subtotal - self.promotion_discount


@dataclass
class Quote:
    lines: list[LineQuote]
    subtotal: Decimal
    promotion_discount: Decimal
    voucher_eligible_amount: Decimal
    voucher_discount: Decimal = ZERO
    total: Decimal = field(init=False)

    def __post_init__(self):
        self.total = max(ZERO, self.subtotal - self.promotion_discount - self.voucher_discount)


def promotion_covers(promotion: PromotionTerms, line: PriceLine) -> bool:
    if line.kind == PRODUCT_LINE:
        return promotion.id in line.promotion_ids
    return promotion.applies_to_all_services or (
        line.service_id is not None and line.service_id in promotion.service_ids
    )


def promotion_discount(promotion: PromotionTerms, line: PriceLine) -> Decimal:
    """Return the promotion's discount on one line, at most the line subtotal."""
    subtotal = line.subtotal
    if promotion.kind == PERCENT_KIND:
        discount = to_rupiah(subtotal * (promotion.percent or ZERO) / 100)
    else:
        per_unit = min(to_rupiah(promotion.amount or ZERO), to_rupiah(line.unit_price))
        discount = per_unit * line.quantity
    return min(max(discount, ZERO), subtotal)


def best_promotion(line: PriceLine, promotions: Iterable[PromotionTerms]) -> tuple[PromotionTerms | None, Decimal]:
    """Pick the covering promotion with the largest discount; ties go to the lowest id."""
    best, best_discount = None, ZERO
    for promotion in sorted(promotions, key=lambda terms: terms.id):
        if not promotion_covers(promotion, line):
            continue
        discount = promotion_discount(promotion, line)
        if discount > best_discount:
            best, best_discount = promotion, discount
    return best, best_discount


def voucher_covers(scope: str, line: PriceLine) -> bool:
    if scope == VoucherScope.ALL:
        return True
    if scope == VoucherScope.PRODUCTS:
        return line.kind == PRODUCT_LINE
    return line.kind == TREATMENT_LINE


def voucher_discount(voucher: VoucherTerms, eligible_amount: Decimal) -> Decimal:
    """Return the voucher's discount on an eligible amount (minimum spend is checked elsewhere)."""
    if eligible_amount <= 0:
        return ZERO
    if voucher.kind == VoucherKind.PERCENT:
        discount = to_rupiah(eligible_amount * (voucher.percent or ZERO) / 100)
        if voucher.max_discount is not None:
            discount = min(discount, to_rupiah(voucher.max_discount))
    else:
        discount = to_rupiah(voucher.amount or ZERO)
    return min(max(discount, ZERO), eligible_amount)


def price_lines(
    lines: Sequence[PriceLine],
    *,
    promotions: Iterable[PromotionTerms] = (),
    voucher: VoucherTerms | None = None,
) -> Quote:
    """Price `lines` with the best promotion per line, then `voucher` on the eligible rest.

    The voucher's minimum spend and scope are not enforced here. The voucher services check
    them against the eligible amount and raise a CrmError before pricing with a voucher.
    """
    promotions = list(promotions)
    line_quotes = []
    for line in lines:
        promotion, discount = best_promotion(line, promotions)
        line_quotes.append(LineQuote(line=line, subtotal=line.subtotal, promotion=promotion, promotion_discount=discount))

    subtotal = sum((quote.subtotal for quote in line_quotes), ZERO)
    promotion_total = sum((quote.promotion_discount for quote in line_quotes), ZERO)
    eligible = ZERO
    voucher_total = ZERO
    if voucher is not None:
        eligible = sum((quote.net for quote in line_quotes if voucher_covers(voucher.scope, quote.line)), ZERO)
        voucher_total = voucher_discount(voucher, eligible)
    return Quote(
        lines=line_quotes,
        subtotal=subtotal,
        promotion_discount=promotion_total,
        voucher_eligible_amount=eligible,
        voucher_discount=voucher_total,
    )


def eligible_amount(lines: Sequence[PriceLine], *, promotions: Iterable[PromotionTerms], scope: str) -> Decimal:
    """Return what a voucher of `scope` would apply to: covered lines after promotions."""
    quote = price_lines(lines, promotions=promotions)
    return sum((item.net for item in quote.lines if voucher_covers(scope, item.line)), ZERO)
