"""Product orders (pemesanan produk): placing, cancelling and the order lifecycle.

Lifecycle: pending → paid → ready → completed. Pending, paid and ready orders may be
cancelled, which puts the stock back and gives the voucher use back. Prices, promotions and
the voucher discount are computed here from the database by crm.pricing and never taken from
the client.
"""

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm import pricing
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import (
    Branch,
    Customer,
    Order,
    OrderChannel,
    OrderCounter,
    OrderItem,
    OrderStatus,
    OrderStatusChange,
    PaymentMethod,
    Product,
    VoucherScope,
)
from crm.permissions import can_change_orders, can_place_orders, is_customer_account_of, require
from crm.services._common import lock, validate_choice
from crm.services.vouchers import (
    active_promotion_terms,
    check_voucher,
    find_voucher,
    record_redemption,
    release_order_redemption,
)

logger = logging.getLogger(__name__)

MAX_QUANTITY_PER_LINE = 99  # more than any customer buys at once; larger numbers are typos

ALLOWED_TRANSITIONS = {
    OrderStatus.PENDING: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.READY, OrderStatus.CANCELLED},
    OrderStatus.READY: {OrderStatus.COMPLETED, OrderStatus.CANCELLED},
    OrderStatus.COMPLETED: set(),
    OrderStatus.CANCELLED: set(),
}


@dataclass(frozen=True)
class OrderLine:
    """One requested product line; only the product and quantity come from the client."""

    product_id: int
    quantity: int


@dataclass
class OrderQuote:
    """A priced order before it is placed, with the products in line order."""

    products: list[Product]
    quote: pricing.Quote


def _normalize_lines(items: Iterable) -> list[OrderLine]:
    """Accept OrderLine, (product_id, quantity) pairs or mappings, and merge repeated products."""
    quantities: dict[int, int] = {}
    for item in items:
        if isinstance(item, OrderLine):
            product_id, quantity = item.product_id, item.quantity
        elif isinstance(item, Mapping):
            product_id, quantity = item.get("product_id"), item.get("quantity")
        else:
            product_id, quantity = item
        try:
            product_id = int(product_id)
        except (TypeError, ValueError):
            raise CrmError("product_not_found", field="items", value=product_id) from None
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise CrmError("quantity_invalid", field="items", product=product_id, limit=MAX_QUANTITY_PER_LINE)
        quantities[product_id] = quantities.get(product_id, 0) + quantity
    if not quantities:
        raise CrmError("order_empty", field="items")
    return [OrderLine(product_id, quantity) for product_id, quantity in quantities.items()]


def _load_products(lines: list[OrderLine], *, for_update: bool) -> list[Product]:
    products = Product.objects.prefetch_related("promotions")
    if for_update:
        # Locked in primary-key order so two orders for the same products cannot deadlock.
        products = products.select_for_update().order_by("pk")
    by_id = {product.pk: product for product in products.filter(pk__in=[line.product_id for line in lines])}
    loaded = []
    for line in lines:
        product = by_id.get(line.product_id)
        if product is None:
            raise CrmError("product_not_found", field="items", value=line.product_id)
        if not product.is_active:
            raise CrmError("product_inactive", field="items", product=product.name)
        if line.quantity > MAX_QUANTITY_PER_LINE:
            raise CrmError("quantity_invalid", field="items", product=product.name, limit=MAX_QUANTITY_PER_LINE)
        if product.stock < line.quantity:
            raise CrmError(
                "product_out_of_stock", field="items", product=product.name, available=product.stock, requested=line.quantity
            )
        loaded.append(product)
    return loaded


def _price_lines(products: list[Product], lines: list[OrderLine]) -> list[pricing.PriceLine]:
    return [
        pricing.PriceLine(
            kind=pricing.PRODUCT_LINE,
            unit_price=product.price,
            quantity=line.quantity,
            promotion_ids=frozenset(promotion.pk for promotion in product.promotions.all()),
        )
        for product, line in zip(products, lines, strict=True)
    ]


def quote_order(*, customer: Customer, items: Iterable, voucher_code: str | None = None, today: datetime.date | None = None) -> OrderQuote:
    """Price an order for preview without writing or reserving anything.

    Raises the same CrmError as place_order for unknown, inactive or out-of-stock products and
    for a voucher that cannot be used.
    """
    today = today or timezone.localdate()
    lines = _normalize_lines(items)
    products = _load_products(lines, for_update=False)
    price_lines = _price_lines(products, lines)
    promotions = active_promotion_terms(today)
    voucher_terms = None
    if voucher_code:
        voucher = find_voucher(voucher_code)
        eligible = pricing.eligible_amount(price_lines, promotions=promotions, scope=voucher.scope)
        check_voucher(voucher, customer=customer, target_scope=VoucherScope.PRODUCTS, eligible_amount=eligible, today=today)
        voucher_terms = pricing.VoucherTerms.from_voucher(voucher)
    return OrderQuote(products=products, quote=pricing.price_lines(price_lines, promotions=promotions, voucher=voucher_terms))


def next_order_number(order_date: datetime.date) -> str:
    """Take the next ORD-YYYYMMDD-NNNN of a local day; call inside the order's transaction."""
    OrderCounter.objects.bulk_create([OrderCounter(order_date=order_date)], ignore_conflicts=True)
    counter = OrderCounter.objects.select_for_update().get(order_date=order_date)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"ORD-{order_date:%Y%m%d}-{counter.last_number:04d}"


def _record_status_change(order: Order, to_status: str, *, actor, now, note: str = "") -> None:
    from_status = order.status if order.pk else ""
    order.status = to_status
    order.status_changed_at = now
    OrderStatusChange.objects.create(
        order=order,
        from_status=from_status,
        to_status=to_status,
        changed_at=now,
        changed_by=actor if getattr(actor, "pk", None) else None,
        note=str(note or "")[:255],
    )
    logger.info("Order %s: %s -> %s by user %s", order.pk, from_status or "-", to_status, getattr(actor, "pk", None))


@transaction.atomic
def place_order(
    *,
    actor,
    customer: Customer,
    branch: Branch,
    items: Iterable,
    channel: str = OrderChannel.IN_CLINIC,
    payment_method: str = "",
    voucher_code: str | None = None,
    notes: str = "",
) -> Order:
    """Place an order: price it from the database, take the stock and redeem the voucher.

    Staff place orders for any customer; a signed-in customer places online orders for
    themselves. Everything happens in one transaction, so any CrmError leaves no trace.
    """
    online_self_service = channel == OrderChannel.ONLINE and is_customer_account_of(actor, customer)
    require(actor, can_place_orders(actor) or online_self_service, _("place orders"))
    validate_choice(channel, OrderChannel, field="channel")
    if payment_method:
        validate_choice(payment_method, PaymentMethod, field="payment_method")
    if not branch.is_active:
        raise CrmError("branch_inactive", field="branch", branch=branch.name)

    lines = _normalize_lines(items)
    products = _load_products(lines, for_update=True)
    price_lines = _price_lines(products, lines)
    now = timezone.now()
    today = timezone.localdate(now)
    promotions = active_promotion_terms(today)

    voucher = None
    voucher_terms = None
    if voucher_code:
        # Locked until commit, so parallel orders see each other's redemptions in the limits.
        voucher = find_voucher(voucher_code, for_update=True)
        eligible = pricing.eligible_amount(price_lines, promotions=promotions, scope=voucher.scope)
        check_voucher(voucher, customer=customer, target_scope=VoucherScope.PRODUCTS, eligible_amount=eligible, today=today)
        voucher_terms = pricing.VoucherTerms.from_voucher(voucher)
    quote = pricing.price_lines(price_lines, promotions=promotions, voucher=voucher_terms)

    order = Order(
        number=next_order_number(today),
        customer=customer,
        branch=branch,
        channel=channel,
        payment_method=payment_method,
        subtotal=quote.subtotal,
        promotion_discount=quote.promotion_discount,
        voucher=voucher,
        voucher_discount=quote.voucher_discount,
        total=quote.total,
        notes=str(notes or "").strip(),
        placed_at=now,
        placed_by=actor if getattr(actor, "pk", None) else None,
        status=OrderStatus.PENDING,
        status_changed_at=now,
    )
    order.save()
    promotion_titles = {promotion.id: promotion.title for promotion in promotions}
    OrderItem.objects.bulk_create(
        [
            OrderItem(
                order=order,
                product=product,
                product_name=product.name,
                product_sku=product.sku,
                unit_price=product.price,
                quantity=line.quantity,
                line_subtotal=line_quote.subtotal,
                promotion_id=line_quote.promotion.id if line_quote.promotion else None,
                promotion_title=promotion_titles.get(line_quote.promotion.id, "") if line_quote.promotion else "",
                promotion_discount=line_quote.promotion_discount,
            )
            for product, line, line_quote in zip(products, lines, quote.lines, strict=True)
        ]
    )
    for product, line in zip(products, lines, strict=True):
        # The rows are locked and checked above; the stock >= 0 condition and the database
        # CHECK on the column are a last guard against going below zero.
        updated = Product.objects.filter(pk=product.pk, stock__gte=line.quantity).update(stock=F("stock") - line.quantity)
        if updated != 1:
            raise CrmError(
                "product_out_of_stock", field="items", product=product.name, available=product.stock, requested=line.quantity
            )
    if voucher is not None:
        record_redemption(voucher, customer=customer, discount=quote.voucher_discount, actor=actor, now=now, order=order)
    OrderStatusChange.objects.create(
        order=order,
        from_status="",
        to_status=OrderStatus.PENDING,
        changed_at=now,
        changed_by=order.placed_by,
    )
    logger.info("Order %s (%s) placed for customer %s, total %s", order.pk, order.number, customer.pk, order.total)
    return order


@transaction.atomic
def cancel_order(*, actor, order: Order, note: str = "") -> Order:
    """Cancel an order, put its stock back and release its voucher use.

    Staff cancel any order that is not completed; a customer cancels their own pending order.
    """
    own_pending = is_customer_account_of(actor, order.customer)
    require(actor, can_change_orders(actor) or own_pending, _("cancel this order"))
    order = lock(Order, order.pk, label=_("order"))
    if not can_change_orders(actor) and order.status != OrderStatus.PENDING:
        raise CrmPermissionDenied(_("cancel an order that is already paid"))
    _check_transition(order, OrderStatus.CANCELLED)

    now = timezone.now()
    items = list(order.items.order_by("product_id"))
    # Lock the products in primary-key order, as place_order does.
    list(Product.objects.select_for_update().filter(pk__in=[item.product_id for item in items]).order_by("pk"))
    for item in items:
        Product.objects.filter(pk=item.product_id).update(stock=F("stock") + item.quantity)
    release_order_redemption(order=order, now=now)
    _record_status_change(order, OrderStatus.CANCELLED, actor=actor, now=now, note=note)
    order.save(update_fields=["status", "status_changed_at"])
    return order


def _check_transition(order: Order, to_status: str) -> None:
    if to_status not in ALLOWED_TRANSITIONS[OrderStatus(order.status)]:
        raise CrmError(
            "order_status_invalid",
            field="status",
            order=order.number,
            from_status=OrderStatus(order.status).label,
            to_status=OrderStatus(to_status).label,
        )


@transaction.atomic
def set_order_status(*, actor, order: Order, status: str, payment_method: str | None = None, note: str = "") -> Order:
    """Move an order one step along its lifecycle; marking it paid needs a payment method."""
    validate_choice(status, OrderStatus, field="status")
    if status == OrderStatus.CANCELLED:
        return cancel_order(actor=actor, order=order, note=note)
    require(actor, can_change_orders(actor), _("change orders"))
    if payment_method:
        validate_choice(payment_method, PaymentMethod, field="payment_method")
    order = lock(Order, order.pk, label=_("order"))
    _check_transition(order, status)
    update_fields = ["status", "status_changed_at"]
    if status == OrderStatus.PAID:
        if payment_method:
            order.payment_method = payment_method
            update_fields.append("payment_method")
        if not order.payment_method:
            raise CrmError("payment_method_required", field="payment_method", order=order.number)
    _record_status_change(order, status, actor=actor, now=timezone.now(), note=note)
    order.save(update_fields=update_fields)
    return order
