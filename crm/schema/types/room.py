import graphene

from crm.models import RoomKind, RoomStatus
from crm.schema.types.common import id_resolver, label_of


class Room(graphene.ObjectType):
    """A treatment room as the public queue board shows it: no customer data."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = graphene.String(required=True, description="facial, laser, injection, body or consultation.")
    kind_label = graphene.String(required=True)
    status = graphene.String(required=True, description="available, occupied, cleaning or out_of_service.")
    status_label = graphene.String(required=True)
    now_serving = graphene.String(description="Queue number being treated, e.g. A-007; null when free.")

    resolve_id = id_resolver("Room")

    def resolve_kind_label(room, info):
        return label_of(RoomKind, room.kind)

    def resolve_status_label(room, info):
        return label_of(RoomStatus, room.status)

    def resolve_now_serving(room, info):
        return room.current_ticket.display_number if room.current_ticket_id else None


class StatusCount(graphene.ObjectType):
    status = graphene.String(required=True)
    label = graphene.String(required=True)
    count = graphene.Int(required=True)


class KindCount(graphene.ObjectType):
    kind = graphene.String(required=True)
    label = graphene.String(required=True)
    total = graphene.Int(required=True, description="Rooms of this kind, out of service included.")
    available = graphene.Int(required=True)


class RoomAvailability(graphene.ObjectType):
    """Room counts of a branch per status and per kind; every status and kind is listed."""

    branch = graphene.Field("crm.schema.types.branch.Branch", required=True)
    total = graphene.Int(required=True)
    by_status = graphene.List(
        graphene.NonNull(StatusCount), required=True, description="One entry per room status, so never paged."
    )
    by_kind = graphene.List(graphene.NonNull(KindCount), required=True, description="One entry per room kind, so never paged.")
