import graphene

from common.graphql.pagination import page_arguments, paginate
from common.graphql.scalars import Money
from crm.models import VoucherKind, VoucherScope
from crm.schema.types.common import id_resolver, label_of


class Voucher(graphene.ObjectType):
    """A discount code; the discount it gives on a cart comes from validateVoucher."""

    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    description = graphene.String(required=True)
    kind = graphene.String(required=True, description="percent or amount.")
    percent = graphene.Decimal(description="Percent off, for percent vouchers.")
    amount = graphene.Field(Money, description="Rupiah off, for fixed-amount vouchers.")
    max_discount = graphene.Field(Money, description="Cap of a percent discount; null for none.")
    scope = graphene.String(required=True, description="treatments, products or all.")
    scope_label = graphene.String(required=True)
    min_spend = graphene.Field(Money, required=True)
    valid_from = graphene.Date(required=True)
    valid_until = graphene.Date(required=True, description="Last valid day (Asia/Jakarta), included.")
    is_personal = graphene.Boolean(required=True, description="True when only one customer may use it.")

    resolve_id = id_resolver("Voucher")

    def resolve_kind(voucher, info):
        return VoucherKind(voucher.kind).value

    def resolve_amount(voucher, info):
        return Money.from_amount(voucher.amount)

    def resolve_max_discount(voucher, info):
        return Money.from_amount(voucher.max_discount)

    def resolve_scope_label(voucher, info):
        return label_of(VoucherScope, voucher.scope)

    def resolve_min_spend(voucher, info):
        return Money.from_amount(voucher.min_spend)

    def resolve_is_personal(voucher, info):
        return voucher.owner_id is not None


class VoucherUse(graphene.ObjectType):
    """One use of a voucher by the customer, on an order or a treatment."""

    voucher = graphene.Field(Voucher, required=True)
    discount = graphene.Field(Money, required=True)
    redeemed_at = graphene.DateTime(required=True)
    order_number = graphene.String()
    ticket_number = graphene.String()

    def resolve_discount(redemption, info):
        return Money.from_amount(redemption.discount_amount)

    def resolve_order_number(redemption, info):
        return redemption.order.number if redemption.order_id else None

    def resolve_ticket_number(redemption, info):
        return redemption.ticket.display_number if redemption.ticket_id else None


class MyVouchers(graphene.ObjectType):
    """The customer's vouchers in three lists: usable now, used and expired."""

    usable = graphene.List(
        graphene.NonNull(Voucher), required=True, description="Usable today; minimum spend is checked per cart.", **page_arguments()
    )
    used = graphene.List(graphene.NonNull(VoucherUse), required=True, **page_arguments())
    expired = graphene.List(
        graphene.NonNull(Voucher), required=True, description="Personal vouchers that expired unused.", **page_arguments()
    )

    def resolve_usable(vouchers, info, first=None, offset=0):
        return paginate(vouchers.usable, first, offset)

    def resolve_used(vouchers, info, first=None, offset=0):
        return paginate(vouchers.used, first, offset)

    def resolve_expired(vouchers, info, first=None, offset=0):
        return paginate(vouchers.expired, first, offset)


class VoucherQuote(graphene.ObjectType):
    """The price of a cart with a voucher applied; nothing is reserved."""

    voucher = graphene.Field(Voucher, required=True)
    subtotal = graphene.Field(Money, required=True)
    promotion_discount = graphene.Field(Money, required=True)
    voucher_discount = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)
