import graphene

from common.graphql.pagination import page_arguments, paginate
from common.graphql.scalars import Money
from crm import permissions, selectors
from crm.models import TicketSource, TicketStatus
from crm.schema.access import current_user
from crm.schema.types.common import StatusChange, id_resolver, label_of


class QueueTicket(graphene.ObjectType):
    """A queue number for one visit; seen by its customer and by staff who run the queue."""

    id = graphene.ID(required=True)
    number = graphene.String(required=True, description="As called out, e.g. A-007.")
    status = graphene.String(
        required=True, description="waiting, called, in_treatment, done, skipped, cancelled or no_show."
    )
    status_label = graphene.String(required=True)
    service_date = graphene.Date(required=True)
    service_name = graphene.String(required=True, description="Empty for a general visit.")
    service_price = graphene.Field(Money)
    source = graphene.String(required=True, description="walk_in or online.")
    branch = graphene.Field("crm.schema.types.branch.Branch", required=True)
    room_name = graphene.String(description="Treatment room, once the treatment started.")
    position = graphene.Int(description="Place among today's waiting tickets of the branch; null unless waiting.")
    estimated_wait_minutes = graphene.Int(description="Null unless waiting.")
    created_at = graphene.DateTime(required=True)
    called_at = graphene.DateTime()
    visitor_name = graphene.String(description="Customer or walk-in name; staff only, null for customers.")
    customer = graphene.Field("crm.schema.types.customer.Customer", description="Staff with customer access only.")
    status_history = graphene.List(graphene.NonNull(StatusChange), required=True, **page_arguments())

    resolve_id = id_resolver("QueueTicket")

    def resolve_number(ticket, info):
        return ticket.display_number

    def resolve_status_label(ticket, info):
        return label_of(TicketStatus, ticket.status)

    def resolve_source(ticket, info):
        return TicketSource(ticket.source).value

    def resolve_service_price(ticket, info):
        return Money.from_amount(ticket.service_price)

    def resolve_room_name(ticket, info):
        return ticket.room.name if ticket.room_id else None

    # NOTE: position and wait cost two or three queries per waiting ticket. A customer has at
    # most one waiting ticket per branch and day, so lists of a customer's tickets stay short.
    def resolve_position(ticket, info):
        return selectors.queue_position(ticket)

    def resolve_estimated_wait_minutes(ticket, info):
        return selectors.estimate_wait_minutes(ticket)

    def resolve_visitor_name(ticket, info):
        if not permissions.can_operate_queue(current_user(info)):
            return None
        return ticket.visitor_name

    def resolve_customer(ticket, info):
        if ticket.customer_id is None or not permissions.can_view_customers(current_user(info)):
            return None
        return ticket.customer

    def resolve_status_history(ticket, info, first=None, offset=0):
        return paginate(list(ticket.status_changes.all()), first, offset)


class NowServing(graphene.ObjectType):
    """A number being served: at a treatment room, or called to the front desk."""

    place = graphene.String(required=True, description="Room name, or empty while called to the front desk.")
    ticket_number = graphene.String(required=True)
    status = graphene.String(required=True, description="called or in_treatment.")


class QueueStatus(graphene.ObjectType):
    """Today's queue of a branch for a waiting-room screen: numbers only, no customer data."""

    branch = graphene.Field("crm.schema.types.branch.Branch", required=True)
    date = graphene.Date(required=True)
    now_serving = graphene.List(graphene.NonNull(NowServing), required=True, **page_arguments())
    rooms = graphene.List(graphene.NonNull("crm.schema.types.room.Room"), required=True, **page_arguments())
    waiting_count = graphene.Int(required=True)
    next_numbers = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Waiting numbers, first in line first, e.g. A-008."
    )
    estimated_wait_minutes = graphene.Int(
        required=True, description="Estimated wait for someone who takes a number now."
    )

    def resolve_now_serving(status, info, first=None, offset=0):
        return paginate(status.now_serving, first, offset)

    def resolve_rooms(status, info, first=None, offset=0):
        return paginate(status.rooms, first, offset)
