import graphene
from django.db.models import Prefetch

from common.graphql.pagination import page_arguments, paginate
from crm import permissions, selectors
from crm.models import OrderItem, Sex, SkinType
from crm.schema.access import current_user, log_records_viewed, orders_visible_to, records_visible_to, tickets_visible_to
from crm.schema.types.common import id_resolver, label_of
from crm.schema.types.order import Order
from crm.schema.types.queue import QueueTicket
from crm.schema.types.record import TreatmentRecord
from crm.schema.types.voucher import MyVouchers


def tickets_for_list(tickets):
    return tickets.select_related("branch", "room", "customer").prefetch_related("status_changes").order_by(
        "-service_date", "-created_at", "-pk"
    )


def records_for_list(records):
    return (
        records.select_related("customer", "practitioner", "branch")
        .prefetch_related("addenda__author", "photos")
        .order_by("-performed_at", "-pk")
    )


def orders_for_list(orders):
    return (
        orders.select_related("branch", "voucher", "customer")
        .prefetch_related(
            Prefetch("items", queryset=OrderItem.objects.select_related("product").order_by("pk")),
            "status_changes",
        )
        .order_by("-placed_at", "-pk")
    )


def visible_records_page(user, records, first, offset):
    page = list(paginate(records_for_list(records), first, offset))
    log_records_viewed(user, page)
    return page


class Customer(graphene.ObjectType):
    """A customer's profile; staff notes are shown to staff only."""

    id = graphene.ID(required=True)
    member_code = graphene.String(required=True)
    full_name = graphene.String(required=True)
    phone = graphene.String(required=True, description="E.164, e.g. +6281234567890.")
    email = graphene.String(required=True)
    birth_date = graphene.Date()
    sex = graphene.String(required=True, description="female, male or empty.")
    sex_label = graphene.String(required=True)
    skin_type = graphene.String(required=True, description="normal, dry, oily, combination, sensitive or empty.")
    skin_type_label = graphene.String(required=True)
    allergies = graphene.String(required=True)
    notes = graphene.String(description="Staff notes; null for the customer.")
    marketing_consent = graphene.Boolean(required=True)
    marketing_consent_at = graphene.DateTime()
    photo_consent = graphene.Boolean(required=True)
    photo_consent_at = graphene.DateTime()
    created_at = graphene.DateTime(required=True)
    # NOTE: the lists below cost a few queries per customer; ask for them on one customer, not
    # inside `customers(search)`.
    queue_tickets = graphene.List(graphene.NonNull(QueueTicket), required=True, **page_arguments())
    treatment_records = graphene.List(graphene.NonNull(TreatmentRecord), required=True, **page_arguments())
    orders = graphene.List(graphene.NonNull(Order), required=True, **page_arguments())

    resolve_id = id_resolver("Customer")

    def resolve_phone(customer, info):
        return customer.phone.as_e164 if customer.phone else ""

    def resolve_sex_label(customer, info):
        return label_of(Sex, customer.sex) if customer.sex else ""

    def resolve_skin_type_label(customer, info):
        return label_of(SkinType, customer.skin_type) if customer.skin_type else ""

    def resolve_notes(customer, info):
        return customer.notes if permissions.can_view_customers(current_user(info)) else None

    def resolve_queue_tickets(customer, info, first=None, offset=0):
        tickets = tickets_visible_to(current_user(info)).filter(customer=customer)
        return paginate(tickets_for_list(tickets), first, offset)

    def resolve_treatment_records(customer, info, first=None, offset=0):
        user = current_user(info)
        return visible_records_page(user, records_visible_to(user).filter(customer=customer), first, offset)

    def resolve_orders(customer, info, first=None, offset=0):
        orders = orders_visible_to(current_user(info)).filter(customer=customer)
        return paginate(orders_for_list(orders), first, offset)


class Me(graphene.ObjectType):
    """The signed-in account; the lists are empty for accounts without a customer profile."""

    username = graphene.String(required=True)
    email = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    roles = graphene.List(graphene.NonNull(graphene.String), required=True, description="Staff role names.")
    profile = graphene.Field(Customer, description="Null for staff accounts without a customer profile.")
    queue_tickets = graphene.List(graphene.NonNull(QueueTicket), required=True, **page_arguments())
    treatment_records = graphene.List(
        graphene.NonNull(TreatmentRecord), required=True, description="Signed records, newest first.", **page_arguments()
    )
    orders = graphene.List(graphene.NonNull(Order), required=True, **page_arguments())
    vouchers = graphene.Field(MyVouchers, required=True)

    # The root resolver passes (user, customer or None).
    def resolve_username(me, info):
        return me[0].get_username()

    def resolve_email(me, info):
        return me[0].email

    def resolve_is_staff(me, info):
        return me[0].is_staff

    def resolve_roles(me, info):
        return sorted(me[0].groups.values_list("name", flat=True))

    def resolve_profile(me, info):
        return me[1]

    def resolve_queue_tickets(me, info, first=None, offset=0):
        user, customer = me
        if customer is None:
            return []
        return paginate(tickets_for_list(customer.queue_tickets.all()), first, offset)

    def resolve_treatment_records(me, info, first=None, offset=0):
        user, customer = me
        if customer is None:
            return []
        records = customer.treatment_records.filter(signed_at__isnull=False)
        return paginate(records_for_list(records), first, offset)

    def resolve_orders(me, info, first=None, offset=0):
        user, customer = me
        if customer is None:
            return []
        return paginate(orders_for_list(customer.orders.all()), first, offset)

    def resolve_vouchers(me, info):
        customer = me[1]
        if customer is None:
            return MyVouchers(usable=[], used=[], expired=[])
        vouchers = selectors.customer_vouchers(customer)
        return MyVouchers(usable=vouchers.usable, used=vouchers.used, expired=vouchers.expired)
