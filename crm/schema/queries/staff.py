"""Root fields for staff. Each checks the caller's role and returns a FORBIDDEN error without it."""

import graphene
from django.utils import timezone

from common.graphql.pagination import page_arguments, paginate
from crm import permissions, selectors
from crm.models import Order as OrderModel
from crm.models import QueueTicket as QueueTicketModel
from crm.schema.access import active_branch, forbidden, require_user, vouchers_visible_to
from crm.schema.types.customer import Customer, orders_for_list, tickets_for_list
from crm.schema.types.order import Order
from crm.schema.types.queue import QueueTicket
from crm.schema.types.voucher import Voucher

MAX_SEARCH_CHARS = 100


def require_permission(info, allowed_check, what: str):
    user = require_user(info)
    if not allowed_check(user):
        raise forbidden(info, what)
    return user


class StaffCrmQuery:
    customers = graphene.List(
        graphene.NonNull(Customer),
        required=True,
        search=graphene.String(required=True, description="Name words, phone number, member code or e-mail."),
        description="Customer search for staff.",
        **page_arguments(),
    )
    todays_queue = graphene.List(
        graphene.NonNull(QueueTicket),
        required=True,
        branch=graphene.String(required=True, description="Branch code."),
        status=graphene.String(description="Only tickets with this status."),
        description="Today's tickets of a branch in arrival order, for staff who run the queue.",
        **page_arguments(),
    )
    branch_orders = graphene.List(
        graphene.NonNull(Order),
        required=True,
        branch=graphene.String(required=True, description="Branch code."),
        status=graphene.String(description="Only orders with this status."),
        description="Orders of a branch, newest first, for staff who handle orders.",
        **page_arguments(),
    )
    vouchers = graphene.List(
        graphene.NonNull(Voucher), required=True, description="All vouchers, for staff with voucher rights.", **page_arguments()
    )

    def resolve_customers(root, info, search, first=None, offset=0):
        require_permission(info, permissions.can_view_customers, "customer search")
        # search_customers caps its own result; paging happens inside that cap.
        query = str(search)[:MAX_SEARCH_CHARS]
        matches = selectors.search_customers(query=query, limit=10_000)
        return paginate(matches, first, offset)

    def resolve_todays_queue(root, info, branch, status=None, first=None, offset=0):
        require_permission(info, permissions.can_operate_queue, "today's queue")
        found = active_branch(branch)
        if found is None:
            return []
        tickets = QueueTicketModel.objects.filter(branch=found, service_date=timezone.localdate())
        if status:
            tickets = tickets.filter(status=status)
        return paginate(tickets_for_list(tickets).order_by("created_at", "pk"), first, offset)

    def resolve_branch_orders(root, info, branch, status=None, first=None, offset=0):
        require_permission(info, permissions.can_view_orders, "branch orders")
        found = active_branch(branch)
        if found is None:
            return []
        orders = OrderModel.objects.filter(branch=found)
        if status:
            orders = orders.filter(status=status)
        return paginate(orders_for_list(orders), first, offset)

    def resolve_vouchers(root, info, first=None, offset=0):
        user = require_permission(info, permissions.can_view_vouchers, "voucher list")
        return paginate(vouchers_visible_to(user).order_by("-valid_until", "code"), first, offset)
