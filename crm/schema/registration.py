"""Add the CRM's root fields to the one GraphQL schema through grapple's schema hooks."""

import graphene
from wagtail import hooks

from crm.schema.mutations.account import Login, Logout, Register
from crm.schema.mutations.cart import QuoteCart
from crm.schema.mutations.orders import PlaceOrder, SetOrderStatus, ValidateVoucher
from crm.schema.mutations.profile import ExportMyData, SetConsents, SubmitTestimonial, UpdateProfile
from crm.schema.mutations.queue import (
    CallNextTicket,
    CancelQueueTicket,
    SetTicketStatus,
    TakeQueueNumber,
    TakeWalkInNumber,
)
from crm.schema.mutations.records import AddRecordAddendum, CreateTreatmentRecord, SignTreatmentRecord
from crm.schema.mutations.rooms import FinishTreatment, SetRoomStatus, StartTreatment
from crm.schema.mutations.tokens import CreateApiToken, RevokeApiToken
from crm.schema.mutations.vouchers import IssueVoucher
from crm.schema.queries.customer import CustomerCrmQuery
from crm.schema.queries.public import PublicCrmQuery
from crm.schema.queries.staff import StaffCrmQuery


class CrmQuery(PublicCrmQuery, CustomerCrmQuery, StaffCrmQuery):
    """Root query fields of the CRM."""


class CrmMutation:
    """Root mutation fields of the CRM."""

    register = Register.Field()
    login = Login.Field()
    logout = Logout.Field()
    create_api_token = CreateApiToken.Field()
    revoke_api_token = RevokeApiToken.Field()
    update_profile = UpdateProfile.Field()
    set_consents = SetConsents.Field()
    export_my_data = ExportMyData.Field()
    submit_testimonial = SubmitTestimonial.Field()
    take_queue_number = TakeQueueNumber.Field()
    take_walk_in_number = TakeWalkInNumber.Field()
    cancel_queue_ticket = CancelQueueTicket.Field()
    validate_voucher = ValidateVoucher.Field()
    quote_cart = QuoteCart.Field()
    place_order = PlaceOrder.Field()
    call_next_ticket = CallNextTicket.Field()
    set_ticket_status = SetTicketStatus.Field()
    start_treatment = StartTreatment.Field()
    finish_treatment = FinishTreatment.Field()
    set_room_status = SetRoomStatus.Field()
    create_treatment_record = CreateTreatmentRecord.Field()
    sign_treatment_record = SignTreatmentRecord.Field()
    add_record_addendum = AddRecordAddendum.Field()
    issue_voucher = IssueVoucher.Field()
    set_order_status = SetOrderStatus.Field()


@hooks.register("register_schema_query")
def register_crm_queries(query_mixins):
    query_mixins.append(CrmQuery)


@hooks.register("register_schema_mutation")
def register_crm_mutations(mutation_mixins):
    mutation_mixins.append(CrmMutation)
    # grapple builds the root Mutation from these mixins alone (wagtail-grapple 0.31 adds
    # graphene.ObjectType to the query mixins only), so one of them must be an ObjectType.
    if graphene.ObjectType not in mutation_mixins:
        mutation_mixins.append(graphene.ObjectType)
