import graphene

from common.graphql.pagination import page_arguments, paginate
from common.graphql.scalars import Money
from crm import permissions
from crm.models import OrderChannel, OrderStatus, PaymentMethod
from crm.schema.access import current_user
from crm.schema.types.common import StatusChange, id_resolver, label_of


class OrderItem(graphene.ObjectType):
    """One product line; name, SKU and unit price as they were when the order was placed."""

    product = graphene.Field("crm.schema.types.product.Product", required=True)
    product_name = graphene.String(required=True)
    sku = graphene.String(required=True)
    unit_price = graphene.Field(Money, required=True)
    quantity = graphene.Int(required=True)
    line_subtotal = graphene.Field(Money, required=True)
    promotion_title = graphene.String(required=True, description="Empty when no promotion applied.")
    promotion_discount = graphene.Field(Money, required=True)

    def resolve_sku(item, info):
        return item.product_sku

    def resolve_unit_price(item, info):
        return Money.from_amount(item.unit_price)

    def resolve_line_subtotal(item, info):
        return Money.from_amount(item.line_subtotal)

    def resolve_promotion_discount(item, info):
        return Money.from_amount(item.promotion_discount)


class Order(graphene.ObjectType):
    """A product order; every amount was computed by the server when it was placed."""

    id = graphene.ID(required=True)
    number = graphene.String(required=True, description="ORD-YYYYMMDD-NNNN.")
    status = graphene.String(required=True, description="pending, paid, ready, completed or cancelled.")
    status_label = graphene.String(required=True)
    channel = graphene.String(required=True, description="online or in_clinic.")
    payment_method = graphene.String(required=True, description="cash, bank_transfer, qris, card or empty.")
    payment_method_label = graphene.String(required=True)
    branch = graphene.Field("crm.schema.types.branch.Branch", required=True)
    items = graphene.List(graphene.NonNull(OrderItem), required=True, **page_arguments())
    subtotal = graphene.Field(Money, required=True)
    promotion_discount = graphene.Field(Money, required=True)
    voucher_code = graphene.String(description="Null when no voucher was used.")
    voucher_discount = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)
    placed_at = graphene.DateTime(required=True)
    status_history = graphene.List(graphene.NonNull(StatusChange), required=True, **page_arguments())
    customer = graphene.Field("crm.schema.types.customer.Customer", description="Staff with customer access only.")

    resolve_id = id_resolver("Order")

    def resolve_status_label(order, info):
        return label_of(OrderStatus, order.status)

    def resolve_channel(order, info):
        return OrderChannel(order.channel).value

    def resolve_payment_method_label(order, info):
        return label_of(PaymentMethod, order.payment_method) if order.payment_method else ""

    def resolve_items(order, info, first=None, offset=0):
        return paginate(list(order.items.all()), first, offset)

    def resolve_subtotal(order, info):
        return Money.from_amount(order.subtotal)

    def resolve_promotion_discount(order, info):
        return Money.from_amount(order.promotion_discount)

    def resolve_voucher_code(order, info):
        return order.voucher.code if order.voucher_id else None

    def resolve_voucher_discount(order, info):
        return Money.from_amount(order.voucher_discount)

    def resolve_total(order, info):
        return Money.from_amount(order.total)

    def resolve_status_history(order, info, first=None, offset=0):
        return paginate(list(order.status_changes.all()), first, offset)

    def resolve_customer(order, info):
        if not permissions.can_view_customers(current_user(info)):
            return None
        return order.customer
