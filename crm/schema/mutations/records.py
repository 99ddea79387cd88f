"""Treatment record mutations for therapists and doctors."""

import graphene

from crm import services
from crm.schema.access import (
    active_branch,
    customers_visible_to,
    find_visible,
    records_visible_to,
    require_user,
    tickets_visible_to,
)
from crm.schema.mutations.base import errors_field, not_found, run_service
from crm.schema.mutations.queue import live_service
from crm.schema.types.record import RecordAddendum, TreatmentRecord


class CreateTreatmentRecord(graphene.Mutation):
    """Write a draft record with yourself as practitioner; sign it with signTreatmentRecord."""

    class Arguments:
        customer_id = graphene.ID(required=True)
        ticket_id = graphene.ID(description="The visit's ticket; branch and service then come from it.")
        branch = graphene.String(description="Branch code, needed without a ticket.")
        service_slug = graphene.String(description="Service performed, needed without a ticket.")
        complaint = graphene.String(default_value="")
        skin_assessment = graphene.String(default_value="")
        treatment_performed = graphene.String(default_value="")
        products_used = graphene.String(default_value="")
        advice = graphene.String(default_value="")
        next_visit_on = graphene.Date()

    record = graphene.Field(TreatmentRecord)
    errors = errors_field()

    def mutate(root, info, customer_id, ticket_id=None, branch=None, service_slug=None, next_visit_on=None, **texts):
        user = require_user(info)

        def work():
            customer = find_visible(customers_visible_to(user), customer_id, "Customer")
            if customer is None:
                return not_found("customer_id")
            ticket = None
            if ticket_id:
                ticket = find_visible(tickets_visible_to(user), ticket_id, "QueueTicket")
                if ticket is None:
                    return not_found("ticket_id")
            found_branch = active_branch(branch) if branch else None
            if branch and found_branch is None:
                return not_found("branch")
            service = live_service(service_slug)
            if service_slug and service is None:
                return not_found("service_slug")
            record = services.create_treatment_record(
                actor=user,
                customer=customer,
                ticket=ticket,
                branch=found_branch,
                service=service,
                next_visit_on=next_visit_on,
                **texts,
            )
            return {"record": record}

        return run_service(info, CreateTreatmentRecord, work)


class SignTreatmentRecord(graphene.Mutation):
    """Sign your own draft record; it is read-only afterwards."""

    class Arguments:
        id = graphene.ID(required=True)

    record = graphene.Field(TreatmentRecord)
    errors = errors_field()

    def mutate(root, info, id):
        user = require_user(info)

        def work():
            record = find_visible(records_visible_to(user), id, "TreatmentRecord")
            if record is None:
                return not_found("id")
            return {"record": services.sign_treatment_record(actor=user, record=record)}

        return run_service(info, SignTreatmentRecord, work)


class AddRecordAddendum(graphene.Mutation):
    """Add a correction or follow-up to a signed record."""

    class Arguments:
        record_id = graphene.ID(required=True)
        text = graphene.String(required=True)

    addendum = graphene.Field(RecordAddendum)
    record = graphene.Field(TreatmentRecord)
    errors = errors_field()

    def mutate(root, info, record_id, text):
        user = require_user(info)

        def work():
            record = find_visible(records_visible_to(user), record_id, "TreatmentRecord")
            if record is None:
                return not_found("record_id")
            addendum = services.add_addendum(actor=user, record=record, text=text)
            return {"addendum": addendum, "record": addendum.record}

        return run_service(info, AddRecordAddendum, work)
