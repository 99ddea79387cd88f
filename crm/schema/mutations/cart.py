"""Price a cart line by line for the shop's cart and checkout pages; nothing is written or reserved."""

import graphene

from common.graphql.scalars import Money
from crm import services
from crm.schema.access import require_customer
from crm.schema.mutations.base import errors_field, not_found, run_service
from crm.schema.mutations.orders import OrderLineInput, order_lines
from crm.schema.types.product import Product
from crm.schema.types.voucher import Voucher


class CartLine(graphene.ObjectType):
    product = graphene.Field(Product, required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    line_subtotal = graphene.Field(Money, required=True)
    promotion_title = graphene.String(required=True, description="Empty when no promotion applies.")
    promotion_discount = graphene.Field(Money, required=True)
    line_total = graphene.Field(Money, required=True, description="Line subtotal less its promotion discount.")


class CartQuote(graphene.ObjectType):
    """What a cart costs today, with the promotion of each line and the voucher, if any."""

    lines = graphene.List(graphene.NonNull(CartLine), required=True)
    voucher = graphene.Field(Voucher, description="Null when no voucher code was given.")
    subtotal = graphene.Field(Money, required=True)
    promotion_discount = graphene.Field(Money, required=True)
    voucher_discount = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)


class QuoteCart(graphene.Mutation):
    """Price a cart with today's promotions and an optional voucher, line by line.

    Anyone may price a cart; a voucher code needs a signed-in customer, because vouchers can be
    personal and limited per customer.
    """

    class Arguments:
        items = graphene.List(graphene.NonNull(OrderLineInput), required=True)
        voucher_code = graphene.String()

    quote = graphene.Field(CartQuote)
    errors = errors_field()

    def mutate(root, info, items, voucher_code=None):
        code = (voucher_code or "").strip()
        customer = require_customer(info) if code else None

        def work():
            lines = order_lines(items)
            if lines is None:
                return not_found("items")
            priced = services.quote_order(customer=customer, items=lines, voucher_code=code or None)
            quote = priced.quote
            return {
                "quote": CartQuote(
                    lines=[
                        CartLine(
                            product=product,
                            quantity=line.line.quantity,
                            unit_price=Money.from_amount(line.line.unit_price),
                            line_subtotal=Money.from_amount(line.subtotal),
                            promotion_title=line.promotion.title if line.promotion else "",
                            promotion_discount=Money.from_amount(line.promotion_discount),
                            line_total=Money.from_amount(line.net),
                        )
                        for product, line in zip(priced.products, quote.lines)
                    ],
                    voucher=services.find_voucher(code) if code else None,
                    subtotal=Money.from_amount(quote.subtotal),
                    promotion_discount=Money.from_amount(quote.promotion_discount),
                    voucher_discount=Money.from_amount(quote.voucher_discount),
                    total=Money.from_amount(quote.total),
                )
            }

        return run_service(info, QuoteCart, work)
