"""Queue mutations: a customer takes or cancels a number; staff call and move tickets."""

import logging

import graphene
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from cms.models import ServicePage
from crm import services
from crm.models import Customer, QueueTicket as QueueTicketModel, TicketSource, TicketStatus
from crm.schema.access import active_branch, find_visible, require_customer, require_user, tickets_visible_to
from crm.schema.mutations.base import error, errors_field, not_found, run_service
from crm.schema.types.queue import QueueTicket

logger = logging.getLogger(__name__)

OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SKIPPED, TicketStatus.IN_TREATMENT)


def live_service(slug) -> ServicePage | None:
    return ServicePage.objects.live().public().filter(slug=slug).first() if slug else None


class TakeQueueNumber(graphene.Mutation):
    """Take today's next number at a branch for yourself; one open ticket per branch and day."""

    class Arguments:
        branch = graphene.String(required=True, description="Branch code, e.g. kemang.")
        service_slug = graphene.String(description="Slug of the service you come for; omit for a general visit.")

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, branch, service_slug=None):
        user = require_user(info)
        customer = require_customer(info)

        def work():
            found_branch = active_branch(branch)
            if found_branch is None:
                return not_found("branch")
            service = live_service(service_slug)
            if service_slug and service is None:
                return not_found("service_slug")
            # The customer row lock makes two parallel requests of one customer take turns, so
            # the second sees the first one's ticket.
            Customer.objects.select_for_update().filter(pk=customer.pk).first()
            open_ticket = QueueTicketModel.objects.filter(
                customer=customer, branch=found_branch, service_date=timezone.localdate(), status__in=OPEN_STATUSES
            ).first()
            if open_ticket is not None:
                # NOTE: this rule applies to online self-service only; the front desk may still
                # hand a customer a second number in the admin.
                return error(
                    "ticket_already_active",
                    gettext("You already have queue number %(ticket)s at this branch today.")
                    % {"ticket": open_ticket.display_number},
                    "branch",
                )
            ticket = services.take_queue_number(
                actor=user, branch=found_branch, customer=customer, service=service, source=TicketSource.ONLINE
            )
            return {"ticket": ticket}

        return run_service(info, TakeQueueNumber, work)


class TakeWalkInNumber(graphene.Mutation):
    """Hand a walk-in visitor a number (front desk, or a kiosk signed in as a front-desk account)."""

    class Arguments:
        branch = graphene.String(required=True, description="Branch code, e.g. kemang.")
        service_slug = graphene.String(description="Slug of the service; omit for a general visit.")
        visitor_name = graphene.String(description="Name to call; a generic kiosk label when omitted.")

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, branch, service_slug=None, visitor_name=None):
        user = require_user(info)

        def work():
            found_branch = active_branch(branch)
            if found_branch is None:
                return not_found("branch")
            service = live_service(service_slug)
            if service_slug and service is None:
                return not_found("service_slug")
            # A walk-in ticket needs a name (database constraint); kiosk visitors often give none.
            name = " ".join(str(visitor_name or "").split()) or pgettext("queue ticket", "Kiosk visitor")
            ticket = services.take_queue_number(
                actor=user, branch=found_branch, walk_in_name=name, service=service, source=TicketSource.WALK_IN
            )
            return {"ticket": ticket}

        return run_service(info, TakeWalkInNumber, work)


class CancelQueueTicket(graphene.Mutation):
    """Cancel your own waiting ticket (staff who run the queue may cancel any)."""

    class Arguments:
        id = graphene.ID(required=True)

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, id):
        user = require_user(info)

        def work():
            ticket = find_visible(tickets_visible_to(user), id, "QueueTicket")
            if ticket is None:
                return not_found("id")
            return {"ticket": services.set_ticket_status(actor=user, ticket=ticket, status=TicketStatus.CANCELLED)}

        return run_service(info, CancelQueueTicket, work)


class CallNextTicket(graphene.Mutation):
    """Call the longest-waiting ticket of today (staff who run the queue)."""

    class Arguments:
        branch = graphene.String(required=True)
        prefix = graphene.String(description="Only this queue prefix, e.g. A.")

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, branch, prefix=None):
        user = require_user(info)

        def work():
            found_branch = active_branch(branch)
            if found_branch is None:
                return not_found("branch")
            return {"ticket": services.call_next_ticket(actor=user, branch=found_branch, prefix=prefix)}

        return run_service(info, CallNextTicket, work)


class SetTicketStatus(graphene.Mutation):
    """Recall, skip, cancel or mark a no-show; treatments start and finish through their own mutations."""

    class Arguments:
        id = graphene.ID(required=True)
        status = graphene.String(required=True, description="called, waiting, skipped, cancelled or no_show.")
        note = graphene.String(default_value="")

    ticket = graphene.Field(QueueTicket)
    errors = errors_field()

    def mutate(root, info, id, status, note=""):
        user = require_user(info)

        def work():
            ticket = find_visible(tickets_visible_to(user), id, "QueueTicket")
            if ticket is None:
                return not_found("id")
            return {"ticket": services.set_ticket_status(actor=user, ticket=ticket, status=status, note=note)}

        return run_service(info, SetTicketStatus, work)


__all__ = ["CallNextTicket", "CancelQueueTicket", "SetTicketStatus", "TakeQueueNumber", "TakeWalkInNumber"]
