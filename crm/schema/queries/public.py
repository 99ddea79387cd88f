"""Public root fields: branches, the queue board, room availability and products; no customer data."""

import graphene
from django.db.models import Q
from django.utils import timezone

from common.graphql.pagination import page_arguments, paginate
from crm import selectors
from crm.models import Branch as BranchModel
from crm.models import Product as ProductModel
from crm.models import RoomKind, RoomStatus, TicketStatus
from crm.schema.access import active_branch
from crm.schema.types.branch import Branch
from crm.schema.types.product import Product
from crm.schema.types.queue import NowServing, QueueStatus
from crm.schema.types.room import KindCount, RoomAvailability, StatusCount

MAX_SEARCH_CHARS = 100


def queue_status(branch) -> QueueStatus:
    today = timezone.localdate()
    entries = selectors.queue_board(branch=branch, today=today)
    rooms = list(selectors.branch_rooms(branch=branch))
    waiting = [entry for entry in entries if entry.ticket.status == TicketStatus.WAITING]
    now_serving = [
        NowServing(place=room.name, ticket_number=room.current_ticket.display_number, status=TicketStatus.IN_TREATMENT)
        for room in rooms
        if room.current_ticket_id
    ]
    now_serving += [
        NowServing(place="", ticket_number=entry.ticket.display_number, status=TicketStatus.CALLED)
        for entry in entries
        if entry.ticket.status == TicketStatus.CALLED
    ]
    # A newcomer would be placed after everyone already waiting.
    next_wait = selectors.estimate_wait(
        len(waiting) + 1,
        average_minutes=selectors.average_treatment_minutes(branch=branch, today=today),
        service_minutes=None,
        rooms=sum(1 for room in rooms if room.status != RoomStatus.OUT_OF_SERVICE),
    )
    return QueueStatus(
        branch=branch,
        date=today,
        now_serving=now_serving,
        rooms=rooms,
        waiting_count=len(waiting),
        next_numbers=[entry.ticket.display_number for entry in waiting],
        estimated_wait_minutes=next_wait,
    )


def room_availability(branch) -> RoomAvailability:
    rooms = list(selectors.branch_rooms(branch=branch))
    by_status = [
        StatusCount(status=status.value, label=str(status.label), count=sum(1 for room in rooms if room.status == status))
        for status in RoomStatus
    ]
    by_kind = [
        KindCount(
            kind=kind.value,
            label=str(kind.label),
            total=sum(1 for room in rooms if room.kind == kind),
            available=sum(1 for room in rooms if room.kind == kind and room.status == RoomStatus.AVAILABLE),
        )
        for kind in RoomKind
    ]
    return RoomAvailability(branch=branch, total=len(rooms), by_status=by_status, by_kind=by_kind)


class PublicCrmQuery:
    branches = graphene.List(graphene.NonNull(Branch), required=True, description="Open branches by name.", **page_arguments())
    queue_status = graphene.Field(
        QueueStatus,
        branch=graphene.String(required=True, description="Branch code, e.g. kemang."),
        description="Today's queue of a branch; null for an unknown or closed branch.",
    )
    room_availability = graphene.Field(
        RoomAvailability,
        branch=graphene.String(required=True, description="Branch code, e.g. kemang."),
        description="Room counts per status and kind; null for an unknown or closed branch.",
    )
    products = graphene.List(
        graphene.NonNull(Product),
        required=True,
        search=graphene.String(description=f"Words in the name, description or SKU; at most {MAX_SEARCH_CHARS} characters."),
        in_stock=graphene.Boolean(description="True: only products with stock left."),
        min_price=graphene.Decimal(description="Lowest price in Rupiah, included."),
        max_price=graphene.Decimal(description="Highest price in Rupiah, included."),
        description="Products on sale, by name.",
        **page_arguments(),
    )
    product = graphene.Field(Product, id=graphene.ID(required=True), description="A product on sale, or null.")

    def resolve_branches(root, info, first=None, offset=0):
        return paginate(BranchModel.objects.filter(is_active=True).order_by("name"), first, offset)

    def resolve_queue_status(root, info, branch):
        found = active_branch(branch)
        return queue_status(found) if found else None

    def resolve_room_availability(root, info, branch):
        found = active_branch(branch)
        return room_availability(found) if found else None

    def resolve_products(root, info, search=None, in_stock=None, min_price=None, max_price=None, first=None, offset=0):
        products = ProductModel.objects.filter(is_active=True)
        for word in str(search or "")[:MAX_SEARCH_CHARS].split():
            products = products.filter(Q(name__icontains=word) | Q(description__icontains=word) | Q(sku__iexact=word))
        if in_stock is True:
            products = products.filter(stock__gt=0)
        elif in_stock is False:
            products = products.filter(stock=0)
        if min_price is not None:
            products = products.filter(price__gte=min_price)
        if max_price is not None:
            products = products.filter(price__lte=max_price)
        return paginate(products.order_by("name", "pk"), first, offset)

    def resolve_product(root, info, id):
        from crm.schema.access import decode_id

        pk = decode_id(id, "Product")
        return ProductModel.objects.filter(pk=pk, is_active=True).first() if pk else None
