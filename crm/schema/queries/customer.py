"""Root fields for a signed-in user: the account, its tokens and objects by id.

The by-id fields serve customers and staff alike. They load through the visibility querysets
of crm.schema.access, so another customer's object and a missing one both give null.
"""

import graphene

from common.api_tokens import tokens_of
from common.graphql.pagination import page_arguments, paginate
from crm.schema.access import (
    customer_of,
    customers_visible_to,
    find_visible,
    log_records_viewed,
    orders_visible_to,
    records_visible_to,
    require_user,
    tickets_visible_to,
    vouchers_visible_to,
)
from crm.schema.types.customer import Customer, Me, orders_for_list, records_for_list, tickets_for_list
from crm.schema.types.order import Order
from crm.schema.types.queue import QueueTicket
from crm.schema.types.record import TreatmentRecord
from crm.schema.types.token import ApiToken
from crm.schema.types.voucher import Voucher


class CustomerCrmQuery:
    me = graphene.Field(Me, description="The signed-in account; null with an UNAUTHENTICATED error otherwise.")
    api_tokens = graphene.List(
        graphene.NonNull(ApiToken), required=True, description="The signed-in user's API tokens, newest first.", **page_arguments()
    )
    queue_ticket = graphene.Field(QueueTicket, id=graphene.ID(required=True))
    treatment_record = graphene.Field(TreatmentRecord, id=graphene.ID(required=True))
    order = graphene.Field(Order, id=graphene.ID(required=True))
    voucher = graphene.Field(Voucher, id=graphene.ID(required=True))
    customer = graphene.Field(Customer, id=graphene.ID(required=True))

    def resolve_me(root, info):
        user = require_user(info)
        return (user, customer_of(user))

    def resolve_api_tokens(root, info, first=None, offset=0):
        return paginate(tokens_of(require_user(info)), first, offset)

    def resolve_queue_ticket(root, info, id):
        return find_visible(tickets_for_list(tickets_visible_to(require_user(info))), id, "QueueTicket")

    def resolve_treatment_record(root, info, id):
        user = require_user(info)
        record = find_visible(records_for_list(records_visible_to(user)), id, "TreatmentRecord")
        if record is not None:
            log_records_viewed(user, [record])
        return record

    def resolve_order(root, info, id):
        return find_visible(orders_for_list(orders_visible_to(require_user(info))), id, "Order")

    def resolve_voucher(root, info, id):
        return find_visible(vouchers_visible_to(require_user(info)), id, "Voucher")

    def resolve_customer(root, info, id):
        return find_visible(customers_visible_to(require_user(info)), id, "Customer")
