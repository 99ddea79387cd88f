"""The caller of a GraphQL request, and the CRM objects that caller may reach through the API.

Every object the API loads by id goes through one of the `*_visible_to` querysets, whether the
id arrives in a root field, a nested field or a mutation argument. An object the caller may not
see is therefore indistinguishable from one that does not exist: both resolve to None, which
the schema reports as null (queries) or as a `not_found` error (mutations).
"""

import logging

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from graphql import GraphQLError
from graphql_relay import from_global_id, to_global_id

from crm import permissions
from crm.models import (
    Branch,
    Customer,
    Order,
    QueueTicket,
    RecordAccessAction,
    RecordAccessLog,
    TreatmentRecord,
    TreatmentRoom,
    Voucher,
)
from crm.selectors import treatment_records_visible_to

logger = logging.getLogger(__name__)


# Caller ------------------------------------------------------------------------------------


def current_user(info):
    """Return the signed-in user (session or bearer token), or None."""
    user = getattr(info.context, "user", None)
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return None
    return user


def unauthenticated() -> GraphQLError:
    return GraphQLError(
        gettext("Sign in to use this field."),
        extensions={"code": "UNAUTHENTICATED"},
    )


def forbidden(info, what: str) -> GraphQLError:
    """Build the top-level error for a signed-in user whose role does not allow `what`."""
    user = current_user(info)
    logger.warning("GraphQL access rejected: user %s, %s", getattr(user, "pk", None), what)
    return GraphQLError(
        gettext("Your account does not have permission for this."),
        extensions={"code": "FORBIDDEN"},
    )


def require_user(info):
    user = current_user(info)
    if user is None:
        raise unauthenticated()
    return user


def customer_of(user) -> Customer | None:
    """Return the customer linked to `user`'s online account, or None (e.g. staff)."""
    if user is None:
        return None
    return Customer.objects.filter(user=user).first()


def require_customer(info) -> Customer:
    """Return the caller's customer; staff accounts without one get FORBIDDEN."""
    user = require_user(info)
    customer = getattr(info.context, "_amaze_customer", None)
    if customer is None or customer.user_id != user.pk:
        customer = customer_of(user)
        info.context._amaze_customer = customer
    if customer is None:
        raise forbidden(info, "customer-only field without a customer profile")
    return customer


# Global ids --------------------------------------------------------------------------------


def global_id(type_name: str, pk) -> str:
    return to_global_id(type_name, str(pk))


def decode_id(value, type_name: str) -> int | None:
    """Return the primary key inside an opaque id of `type_name`, or None for anything else."""
    try:
        decoded_type, raw_pk = from_global_id(str(value or ""))
    except Exception:  # graphql-relay raises several kinds of errors on malformed base64
        return None
    if decoded_type != type_name or not raw_pk.isdigit():
        return None
    return int(raw_pk)


# Visibility --------------------------------------------------------------------------------


def tickets_visible_to(user) -> QuerySet:
    if user is None:
        return QueueTicket.objects.none()
    if user.has_perm("crm.view_queueticket"):
        return QueueTicket.objects.all()
    return QueueTicket.objects.filter(customer__user=user)


def records_visible_to(user) -> QuerySet:
    """Staff see the records crm.selectors allows them; a customer sees their own signed records.

    Drafts stay with the practitioner until signed, because they may still change.
    """
    if user is None:
        return TreatmentRecord.objects.none()
    own = Q(customer__user=user, signed_at__isnull=False)
    if permissions.can_view_treatment_records(user):
        staff_visible = treatment_records_visible_to(user).values("pk")
        return TreatmentRecord.objects.filter(Q(pk__in=staff_visible) | own)
    return TreatmentRecord.objects.filter(own)


def orders_visible_to(user) -> QuerySet:
    if user is None:
        return Order.objects.none()
    if permissions.can_view_orders(user):
        return Order.objects.all()
    return Order.objects.filter(customer__user=user)


def vouchers_visible_to(user) -> QuerySet:
    """Staff with voucher rights see all; a customer sees public vouchers and their personal ones."""
    if user is None:
        return Voucher.objects.none()
    if permissions.can_view_vouchers(user):
        return Voucher.objects.all()
    return Voucher.objects.filter(Q(owner__isnull=True, is_active=True) | Q(owner__user=user))


def customers_visible_to(user) -> QuerySet:
    if user is None:
        return Customer.objects.none()
    if permissions.can_view_customers(user):
        return Customer.objects.all()
    return Customer.objects.filter(user=user)


def rooms_visible_to(user) -> QuerySet:
    """Rooms are not personal data: their names and states are on the public queue board."""
    return TreatmentRoom.objects.filter(branch__is_active=True)


def find_visible(queryset: QuerySet, value, type_name: str):
    """Load the object behind an opaque id from `queryset`, or None when absent or not visible."""
    pk = decode_id(value, type_name)
    if pk is None:
        return None
    return queryset.filter(pk=pk).first()


def active_branch(code) -> Branch | None:
    return Branch.objects.filter(code=str(code or "").strip().lower(), is_active=True).first()


def is_staff_reader(user, record: TreatmentRecord) -> bool:
    """Return whether `user` reads the record as staff (logged) rather than as its customer."""
    return user is not None and record.customer.user_id != user.pk


def log_records_viewed(user, records, *, action: str = RecordAccessAction.VIEWED) -> None:
    """Write one access log row per record opened by staff, in a single INSERT."""
    staff_read = [record for record in records if is_staff_reader(user, record)]
    if not staff_read:
        return
    RecordAccessLog.objects.bulk_create(
        [RecordAccessLog(record=record, user=user, action=action) for record in staff_read]
    )
    logger.info(
        "Treatment records %s %s by user %s through the API", [record.pk for record in staff_read], action, user.pk
    )
