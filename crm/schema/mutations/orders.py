"""Cart pricing and orders: customers validate vouchers and order online; staff move orders on."""

import graphene

from common.graphql.scalars import Money
from crm import services
from crm.models import OrderChannel
from crm.schema.access import (
    active_branch,
    decode_id,
    find_visible,
    orders_visible_to,
    require_customer,
    require_user,
)
from crm.schema.mutations.base import errors_field, not_found, run_service
from crm.schema.types.order import Order
from crm.schema.types.voucher import VoucherQuote
from crm.selectors import default_branch


class OrderLineInput(graphene.InputObjectType):
    product_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True, description="1 to 99.")


def order_lines(items) -> list[services.OrderLine] | None:
    """Turn input lines into service lines; None when a product id is not a product id."""
    lines = []
    for item in items:
        pk = decode_id(item.product_id, "Product")
        if pk is None:
            return None
        lines.append(services.OrderLine(product_id=pk, quantity=item.quantity))
    return lines


class ValidateVoucher(graphene.Mutation):
    """Price a cart with a voucher for the signed-in customer without reserving anything."""

    class Arguments:
        code = graphene.String(required=True)
        items = graphene.List(graphene.NonNull(OrderLineInput), required=True)

    quote = graphene.Field(VoucherQuote)
    errors = errors_field()

    def mutate(root, info, code, items):
        customer = require_customer(info)

        def work():
            lines = order_lines(items)
            if lines is None:
                return not_found("items")
            priced = services.quote_order(customer=customer, items=lines, voucher_code=code)
            quote = priced.quote
            return {
                "quote": VoucherQuote(
                    voucher=services.find_voucher(code),
                    subtotal=Money.from_amount(quote.subtotal),
                    promotion_discount=Money.from_amount(quote.promotion_discount),
                    voucher_discount=Money.from_amount(quote.voucher_discount),
                    total=Money.from_amount(quote.total),
                )
            }

        return run_service(info, ValidateVoucher, work)


class PlaceOrder(graphene.Mutation):
    """Order products online for yourself; prices, promotions and the voucher are applied by the server."""

    class Arguments:
        items = graphene.List(graphene.NonNull(OrderLineInput), required=True)
        voucher_code = graphene.String()
        branch = graphene.String(description="Branch code for pick-up; the main branch when omitted.")
        notes = graphene.String(default_value="")

    order = graphene.Field(Order)
    errors = errors_field()

    def mutate(root, info, items, voucher_code=None, branch=None, notes=""):
        user = require_user(info)
        customer = require_customer(info)

        def work():
            found_branch = active_branch(branch) if branch else default_branch()
            if found_branch is None:
                return not_found("branch")
            lines = order_lines(items)
            if lines is None:
                return not_found("items")
            order = services.place_order(
                actor=user,
                customer=customer,
                branch=found_branch,
                items=lines,
                channel=OrderChannel.ONLINE,
                voucher_code=voucher_code or None,
                notes=notes,
            )
            return {"order": order}

        return run_service(info, PlaceOrder, work)


class SetOrderStatus(graphene.Mutation):
    """Move an order along pending → paid → ready → completed, or cancel it."""

    class Arguments:
        id = graphene.ID(required=True)
        status = graphene.String(required=True, description="paid, ready, completed or cancelled.")
        payment_method = graphene.String(description="cash, bank_transfer, qris or card; needed to mark paid.")
        note = graphene.String(default_value="")

    order = graphene.Field(Order)
    errors = errors_field()

    def mutate(root, info, id, status, payment_method=None, note=""):
        user = require_user(info)

        def work():
            order = find_visible(orders_visible_to(user), id, "Order")
            if order is None:
                return not_found("id")
            changed = services.set_order_status(
                actor=user, order=order, status=status, payment_method=payment_method, note=note
            )
            return {"order": changed}

        return run_service(info, SetOrderStatus, work)
