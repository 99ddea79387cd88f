"""Vouchers (voucher potongan): issuing, checking and redeeming.

A redemption happens while the voucher row is locked, and the checks on total and
per-customer use are made under that lock, so a single-use voucher redeemed by many requests
at once succeeds exactly once. Products are discounted through crm.services.orders.place_order;
a treatment through `redeem_voucher` on its queue ticket.
"""

import datetime
import logging
import re
import secrets
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.money import format_rupiah, to_rupiah
from crm import pricing
from crm.errors import CrmError
from crm.models import (
    Customer,
    QueueTicket,
    TicketStatus,
    Voucher,
    VoucherKind,
    VoucherRedemption,
    VoucherScope,
)
from crm.permissions import can_issue_vouchers, can_redeem_vouchers, require
from crm.services._common import lock, validate_choice

logger = logging.getLogger(__name__)

VOUCHER_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,38}[A-Z0-9]$")
GENERATED_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I
GENERATED_CODE_LENGTH = 8


def normalize_voucher_code(code) -> str:
    return str(code or "").strip().upper()


def generate_voucher_code(prefix: str = "AMZ") -> str:
    suffix = "".join(secrets.choice(GENERATED_CODE_ALPHABET) for _ in range(GENERATED_CODE_LENGTH))
    return f"{prefix}-{suffix}"


def find_voucher(code, *, for_update: bool = False) -> Voucher:
    normalized = normalize_voucher_code(code)
    vouchers = Voucher.objects.select_for_update() if for_update else Voucher.objects.all()
    voucher = vouchers.filter(code=normalized).first() if normalized else None
    if voucher is None:
        raise CrmError("voucher_not_found", field="voucher_code", code=normalized or "-")
    return voucher


def check_voucher(
    voucher: Voucher,
    *,
    customer: Customer,
    target_scope: str,
    eligible_amount: Decimal,
    today: datetime.date,
) -> None:
    """Raise CrmError when `voucher` cannot be used by `customer` on `eligible_amount` today.

    `target_scope` is VoucherScope.PRODUCTS or TREATMENTS, what is being bought.
    """
    code = voucher.code
    if not voucher.is_active:
        raise CrmError("voucher_inactive", field="voucher_code", code=code)
    if voucher.owner_id is not None and voucher.owner_id != customer.pk:
        raise CrmError("voucher_not_yours", field="voucher_code", code=code)
    if today < voucher.valid_from:
        raise CrmError("voucher_not_started", field="voucher_code", code=code, date=voucher.valid_from.isoformat())
    if today > voucher.valid_until:
        raise CrmError("voucher_expired", field="voucher_code", code=code, date=voucher.valid_until.isoformat())
    if voucher.scope not in (VoucherScope.ALL, target_scope):
        raise CrmError("voucher_wrong_scope", field="voucher_code", code=code, scope=VoucherScope(voucher.scope).label)
    if voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit:
        raise CrmError("voucher_used_up", field="voucher_code", code=code)
    if voucher.per_customer_limit is not None:
        used_by_customer = VoucherRedemption.objects.filter(
            voucher=voucher, customer=customer, released_at__isnull=True
        ).count()
        if used_by_customer >= voucher.per_customer_limit:
            raise CrmError("voucher_customer_limit", field="voucher_code", code=code)
    if eligible_amount < voucher.min_spend:
        raise CrmError(
            "voucher_min_spend",
            field="voucher_code",
            code=code,
            min_spend=format_rupiah(voucher.min_spend),
            amount=format_rupiah(eligible_amount),
        )


def validate_voucher(
    *,
    code,
    customer: Customer,
    target_scope: str,
    eligible_amount: Decimal,
    today: datetime.date | None = None,
) -> Voucher:
    """Return the voucher for `code` if it can be used now, without reserving it."""
    voucher = find_voucher(code)
    check_voucher(
        voucher,
        customer=customer,
        target_scope=target_scope,
        eligible_amount=to_rupiah(eligible_amount),
        today=today or timezone.localdate(),
    )
    return voucher


def lock_and_check_voucher(
    code, *, customer: Customer, target_scope: str, eligible_amount: Decimal, today: datetime.date
) -> Voucher:
    """Lock the voucher row and check it; the caller then records the redemption in the same transaction."""
    voucher = find_voucher(code, for_update=True)
    check_voucher(voucher, customer=customer, target_scope=target_scope, eligible_amount=eligible_amount, today=today)
    return voucher


def record_redemption(
    voucher: Voucher, *, customer: Customer, discount: Decimal, actor, now, order=None, ticket=None
) -> VoucherRedemption:
    """Count one use of a locked voucher."""
    redemption = VoucherRedemption.objects.create(
        voucher=voucher,
        customer=customer,
        order=order,
        ticket=ticket,
        discount_amount=discount,
        redeemed_at=now,
        redeemed_by=actor if getattr(actor, "pk", None) else None,
    )
    Voucher.objects.filter(pk=voucher.pk).update(times_used=F("times_used") + 1)
    voucher.times_used += 1
    logger.info("Voucher %s redeemed (redemption %s) for customer %s", voucher.pk, redemption.pk, customer.pk)
    return redemption


def _release(redemptions, now) -> None:
    for redemption in redemptions.select_for_update().filter(released_at__isnull=True):
        lock(Voucher, redemption.voucher_id, label=_("voucher"))
        redemption.released_at = now
        redemption.save(update_fields=["released_at"])
        Voucher.objects.filter(pk=redemption.voucher_id).update(times_used=F("times_used") - 1)
        logger.info("Voucher redemption %s released", redemption.pk)


def release_order_redemption(*, order, now) -> None:
    """Give a cancelled order's voucher use back, so the customer may use the voucher again."""
    _release(VoucherRedemption.objects.filter(order=order), now)


def release_ticket_redemption(*, ticket, now) -> None:
    _release(VoucherRedemption.objects.filter(ticket=ticket), now)


def treatment_price_line(ticket: QueueTicket) -> pricing.PriceLine:
    return pricing.PriceLine(
        kind=pricing.TREATMENT_LINE, unit_price=ticket.service_price, quantity=1, service_id=ticket.service_id
    )


def active_promotion_terms(today: datetime.date) -> list[pricing.PromotionTerms]:
    from cms.selectors import active_promotions

    return [pricing.PromotionTerms.from_page(page) for page in active_promotions(today)]


@transaction.atomic
def redeem_voucher(*, actor, code, ticket: QueueTicket) -> VoucherRedemption:
    """Redeem a treatments (or all-purpose) voucher on a ticket's service price.

    The discount is taken after the service's best active promotion, following crm.pricing.
    """
    require(actor, can_redeem_vouchers(actor), _("redeem vouchers"))
    ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
    if ticket.status in (TicketStatus.CANCELLED, TicketStatus.NO_SHOW):
        raise CrmError("ticket_closed", field="ticket", ticket=ticket.display_number, status=TicketStatus(ticket.status).label)
    if ticket.customer_id is None:
        raise CrmError("visitor_required", field="customer")
    if ticket.service_price is None:
        raise CrmError("voucher_no_price", field="ticket", ticket=ticket.display_number)
    # Redemptions are released only on cancelled or no-show tickets, which were rejected above.
    if VoucherRedemption.objects.filter(ticket=ticket).exists():
        raise CrmError("voucher_ticket_taken", field="voucher_code", ticket=ticket.display_number)

    now = timezone.now()
    today = timezone.localdate(now)
    lines = [treatment_price_line(ticket)]
    promotions = active_promotion_terms(today)
    eligible = pricing.eligible_amount(lines, promotions=promotions, scope=VoucherScope.TREATMENTS)
    voucher = lock_and_check_voucher(
        code, customer=ticket.customer, target_scope=VoucherScope.TREATMENTS, eligible_amount=eligible, today=today
    )
    quote = pricing.price_lines(lines, promotions=promotions, voucher=pricing.VoucherTerms.from_voucher(voucher))
    return record_redemption(
        voucher, customer=ticket.customer, discount=quote.voucher_discount, actor=actor, now=now, ticket=ticket
    )


def _decimal_or_none(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise CrmError("voucher_value_invalid", field=field) from None


def _limit_or_none(value, *, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CrmError("voucher_limit_invalid", field=field)
    return value


@transaction.atomic
def issue_voucher(
    *,
    actor,
    kind: str,
    valid_until: datetime.date,
    scope: str = VoucherScope.ALL,
    code: str | None = None,
    percent=None,
    amount=None,
    max_discount=None,
    min_spend=0,
    valid_from: datetime.date | None = None,
    usage_limit: int | None = None,
    per_customer_limit: int | None = 1,
    owner: Customer | None = None,
    description: str = "",
) -> Voucher:
    """Create a voucher; without a code one is generated (e.g. for a personal birthday voucher)."""
    require(actor, can_issue_vouchers(actor), _("issue vouchers"))
    validate_choice(kind, VoucherKind, field="kind")
    validate_choice(scope, VoucherScope, field="scope")
    percent = _decimal_or_none(percent, field="percent")
    amount = _decimal_or_none(amount, field="amount")
    max_discount = _decimal_or_none(max_discount, field="max_discount")
    min_spend = _decimal_or_none(min_spend, field="min_spend") or Decimal(0)
    if kind == VoucherKind.PERCENT:
        if amount is not None or percent is None or not (1 <= percent <= 100):
            raise CrmError("voucher_value_invalid", field="percent")
    else:
        if percent is not None or max_discount is not None or amount is None or amount < 1 or amount != to_rupiah(amount):
            raise CrmError("voucher_value_invalid", field="amount")
    if max_discount is not None and (max_discount < 1 or max_discount != to_rupiah(max_discount)):
        raise CrmError("voucher_value_invalid", field="max_discount")
    if min_spend < 0 or min_spend != to_rupiah(min_spend):
        raise CrmError("voucher_value_invalid", field="min_spend")
    valid_from = valid_from or timezone.localdate()
    if valid_until < valid_from:
        raise CrmError("voucher_period_invalid", field="valid_until")
    usage_limit = _limit_or_none(usage_limit, field="usage_limit")
    per_customer_limit = _limit_or_none(per_customer_limit, field="per_customer_limit")

    code = normalize_voucher_code(code) if code else generate_voucher_code()
    if not VOUCHER_CODE_PATTERN.match(code):
        raise CrmError("voucher_code_invalid", field="code", value=code)
    if Voucher.objects.filter(code__iexact=code).exists():
        raise CrmError("voucher_code_taken", field="code", value=code)

    voucher = Voucher(
        code=code,
        description=str(description or "").strip()[:255],
        kind=kind,
        percent=percent,
        amount=amount,
        max_discount=max_discount,
        scope=scope,
        min_spend=min_spend,
        valid_from=valid_from,
        valid_until=valid_until,
        usage_limit=usage_limit,
        per_customer_limit=per_customer_limit,
        owner=owner,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            voucher.save()
    except IntegrityError:
        raise CrmError("voucher_code_taken", field="code", value=code) from None
    logger.info("Voucher %s issued by user %s", voucher.pk, actor.pk)
    return voucher
