"""Treatment room mutations for therapists, doctors and managers."""

import graphene

from crm import services
from crm.schema.access import find_visible, require_user, rooms_visible_to, tickets_visible_to
from crm.schema.mutations.base import errors_field, not_found, run_service
from crm.schema.types.queue import QueueTicket
from crm.schema.types.room import Room


class StartTreatment(graphene.Mutation):
    """Send a called customer to a free room."""

    class Arguments:
        ticket_id = graphene.ID(required=True)
        room_id = graphene.ID(required=True)

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, ticket_id, room_id):
        user = require_user(info)

        def work():
            ticket = find_visible(tickets_visible_to(user), ticket_id, "QueueTicket")
            if ticket is None:
                return not_found("ticket_id")
            room = find_visible(rooms_visible_to(user), room_id, "Room")
            if room is None:
                return not_found("room_id")
            return {"ticket": services.start_treatment(actor=user, ticket=ticket, room=room)}

        return run_service(info, StartTreatment, work)


class FinishTreatment(graphene.Mutation):
    """Mark a treatment done; its room goes to cleaning."""

    class Arguments:
        ticket_id = graphene.ID(required=True)

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, ticket_id):
        user = require_user(info)

        def work():
            ticket = find_visible(tickets_visible_to(user), ticket_id, "QueueTicket")
            if ticket is None:
                return not_found("ticket_id")
            return {"ticket": services.finish_treatment(actor=user, ticket=ticket)}

        return run_service(info, FinishTreatment, work)


class SetRoomStatus(graphene.Mutation):
    """Mark a room available after cleaning, or take it out of service and back."""

    class Arguments:
        room_id = graphene.ID(required=True)
        status = graphene.String(required=True, description="available, cleaning or out_of_service.")

    room = graphene.Field(Room)
    errors = errors_field()

    def mutate(root, info, room_id, status):
        user = require_user(info)

        def work():
            room = find_visible(rooms_visible_to(user), room_id, "Room")
            if room is None:
                return not_found("room_id")
            return {"room": services.set_room_status(actor=user, room=room, status=status)}

        return run_service(info, SetRoomStatus, work)
