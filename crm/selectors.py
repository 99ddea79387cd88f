"""Read queries of the clinic operations, with the visibility rules of each role.

List functions cost a fixed number of SQL queries whatever the number of rows: related rows
come through select_related and prefetch_related.
"""

import datetime
import math
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.models import (
    Branch,
    Customer,
    Order,
    OrderItem,
    OrderStatus,
    Product,
    QueueTicket,
    RecordAccessLog,
    RoomStatus,
    TicketStatus,
    TreatmentRecord,
    TreatmentRoom,
    Voucher,
    VoucherRedemption,
)
from crm.permissions import (
    can_view_all_treatment_records,
    can_view_record_access_log,
    can_view_treatment_records,
    require,
)

# Used for the wait estimate when neither today's treatments nor the ticket give a duration.
DEFAULT_TREATMENT_MINUTES = 30
OPEN_TICKET_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_TREATMENT)
MIN_PHONE_DIGITS_FOR_SEARCH = 4


# Queue ------------------------------------------------------------------------------------


def todays_queue(*, branch: Branch, today: datetime.date | None = None, statuses=None) -> QuerySet:
    """Return the branch's tickets of today in arrival order."""
    tickets = QueueTicket.objects.filter(branch=branch, service_date=today or timezone.localdate())
    if statuses:
        tickets = tickets.filter(status__in=statuses)
    return tickets.select_related("customer", "room").order_by("created_at", "pk")


def _waiting_before(ticket: QueueTicket) -> Q:
    return Q(created_at__lt=ticket.created_at) | Q(created_at=ticket.created_at, pk__lt=ticket.pk)


def queue_position(ticket: QueueTicket) -> int | None:
    """Return the 1-based place among today's waiting tickets of the branch, or None if not waiting."""
    if ticket.status != TicketStatus.WAITING:
        return None
    ahead = QueueTicket.objects.filter(
        _waiting_before(ticket), branch_id=ticket.branch_id, service_date=ticket.service_date, status=TicketStatus.WAITING
    ).count()
    return ahead + 1


def average_treatment_minutes(*, branch: Branch, today: datetime.date | None = None) -> float | None:
    """Return the mean length of today's finished treatments at the branch, or None before the first."""
    spans = QueueTicket.objects.filter(
        branch=branch,
        service_date=today or timezone.localdate(),
        status=TicketStatus.DONE,
        treatment_started_at__isnull=False,
        treatment_finished_at__isnull=False,
    ).values_list("treatment_started_at", "treatment_finished_at")
    minutes = [(finished - started).total_seconds() / 60 for started, finished in spans]
    if not minutes:
        return None
    return sum(minutes) / len(minutes)


def rooms_in_service(*, branch: Branch) -> int:
    return TreatmentRoom.objects.filter(branch=branch).exclude(status=RoomStatus.OUT_OF_SERVICE).count()


def estimate_wait(position: int, *, average_minutes: float | None, service_minutes: int | None, rooms: int) -> int:
    """Estimate minutes until a waiting customer is treated.

    position × average treatment length ÷ rooms in service, rounded up. The average is that of
    today's finished treatments; before the first one, the ticket's service duration is used.
    """
    minutes = average_minutes if average_minutes is not None else (service_minutes or DEFAULT_TREATMENT_MINUTES)
    return math.ceil(position * minutes / max(rooms, 1))


def estimate_wait_minutes(ticket: QueueTicket) -> int | None:
    """Return the estimated wait of a waiting ticket in minutes, or None if it is not waiting."""
    position = queue_position(ticket)
    if position is None:
        return None
    return estimate_wait(
        position,
        average_minutes=average_treatment_minutes(branch=ticket.branch, today=ticket.service_date),
        service_minutes=ticket.service_duration_minutes,
        rooms=rooms_in_service(branch=ticket.branch),
    )


@dataclass
class QueueEntry:
    ticket: QueueTicket
    position: int | None
    estimated_wait_minutes: int | None


def queue_board(*, branch: Branch, today: datetime.date | None = None) -> list[QueueEntry]:
    """Return today's tickets with position and wait estimate, in four queries."""
    today = today or timezone.localdate()
    tickets = list(todays_queue(branch=branch, today=today))
    average = average_treatment_minutes(branch=branch, today=today)
    rooms = rooms_in_service(branch=branch)
    entries, position = [], 0
    for ticket in tickets:
        if ticket.status == TicketStatus.WAITING:
            position += 1
            wait = estimate_wait(position, average_minutes=average, service_minutes=ticket.service_duration_minutes, rooms=rooms)
            entries.append(QueueEntry(ticket, position, wait))
        else:
            entries.append(QueueEntry(ticket, None, None))
    return entries


# Rooms ------------------------------------------------------------------------------------


def branch_rooms(*, branch: Branch) -> QuerySet:
    return TreatmentRoom.objects.filter(branch=branch).select_related("current_ticket__customer").order_by("sort_order", "name")


def rooms_by_status(*, branch: Branch) -> dict[str, list[TreatmentRoom]]:
    """Return the branch's rooms grouped by status, every status present as a key."""
    grouped = {status: [] for status in RoomStatus.values}
    for room in branch_rooms(branch=branch):
        grouped[room.status].append(room)
    return grouped


# Customers --------------------------------------------------------------------------------


def phone_search_digits(query: str) -> str | None:
    """Return the digits to look for in E.164 numbers, or None if `query` is not a phone number.

    "0812-345", "812345", "+62 812 345" and "62812345" all become "62812345".
    """
    if re.search(r"[^\d\s()+.\-]", query):
        return None
    digits = re.sub(r"\D", "", query)
    if len(digits) < MIN_PHONE_DIGITS_FOR_SEARCH:
        return None
    if digits.startswith("0"):
        return "62" + digits[1:]
    if digits.startswith("8"):
        return "62" + digits
    return digits


def search_customers(*, query: str, limit: int = 50) -> QuerySet:
    """Find customers by name words, phone (any common Indonesian spelling), member code or e-mail."""
    query = " ".join(str(query or "").split())
    if not query:
        return Customer.objects.none()
    digits = phone_search_digits(query)
    if digits is not None:
        condition = Q(phone__contains=digits)
    else:
        condition = Q(member_code__iexact=query) | Q(email__iexact=query)
        name_condition = Q()
        for word in query.split(" "):
            name_condition &= Q(full_name__icontains=word)
        condition |= name_condition
    return Customer.objects.filter(condition).order_by("full_name", "pk")[:limit]


def customer_tickets(customer: Customer) -> QuerySet:
    return customer.queue_tickets.select_related("branch", "room").order_by("-service_date", "-created_at")


def customer_orders(customer: Customer) -> QuerySet:
    return (
        customer.orders.select_related("branch", "voucher")
        .prefetch_related(Prefetch("items", queryset=OrderItem.objects.order_by("pk")))
        .order_by("-placed_at", "-pk")
    )


@dataclass
class CustomerVouchers:
    usable: list[Voucher]
    used: list[VoucherRedemption]
    expired: list[Voucher]


def customer_vouchers(customer: Customer, *, today: datetime.date | None = None) -> CustomerVouchers:
    """Sort the vouchers a customer can see: usable now, used (redemptions) and expired unused.

    Usable covers personal vouchers and public ones still within their limits. Whether the
    minimum spend is reached depends on the purchase, so that is checked at redemption.
    """
    today = today or timezone.localdate()
    vouchers = (
        Voucher.objects.filter(Q(owner=customer) | Q(owner__isnull=True), is_active=True)
        .annotate(
            customer_uses=Count(
                "redemptions", filter=Q(redemptions__customer=customer, redemptions__released_at__isnull=True)
            )
        )
        .order_by("valid_until", "code")
    )
    usable, expired = [], []
    for voucher in vouchers:
        used_up = voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit
        customer_used_up = voucher.per_customer_limit is not None and voucher.customer_uses >= voucher.per_customer_limit
        if voucher.valid_until < today:
            if voucher.owner_id == customer.pk and voucher.customer_uses == 0:
                expired.append(voucher)
        elif voucher.valid_from <= today and not used_up and not customer_used_up:
            usable.append(voucher)
    used = list(
        customer.voucher_redemptions.filter(released_at__isnull=True)
        .select_related("voucher", "order", "ticket")
        .order_by("-redeemed_at")
    )
    return CustomerVouchers(usable=usable, used=used, expired=expired)


# Treatment records ------------------------------------------------------------------------


def treatment_records_visible_to(user, *, today: datetime.date | None = None) -> QuerySet:
    """Return the records `user` may open.

    Doctors and managers see every record. Therapists see their own records and the history of
    customers who have an open ticket today, so they can read it before treating them.
    Front desk and marketing see none.
    """
    if not can_view_treatment_records(user):
        return TreatmentRecord.objects.none()
    records = TreatmentRecord.objects.select_related("customer", "practitioner", "branch")
    if can_view_all_treatment_records(user):
        return records
    customers_in_queue = QueueTicket.objects.filter(
        service_date=today or timezone.localdate(), status__in=OPEN_TICKET_STATUSES, customer__isnull=False
    ).values("customer_id")
    return records.filter(Q(practitioner=user) | Q(customer_id__in=customers_in_queue))


def can_view_record(user, record: TreatmentRecord) -> bool:
    return treatment_records_visible_to(user).filter(pk=record.pk).exists()


def customer_records(user, customer: Customer) -> QuerySet:
    return treatment_records_visible_to(user).filter(customer=customer).order_by("-performed_at", "-pk")


def treatment_record_detail(record_id: int) -> TreatmentRecord | None:
    """Load one record with its addenda and photos; the caller checks visibility and logs access."""
    return (
        TreatmentRecord.objects.select_related("customer", "practitioner", "branch", "ticket")
        .prefetch_related("addenda__author", "photos")
        .filter(pk=record_id)
        .first()
    )


def record_access_log(*, actor, record: TreatmentRecord | None = None) -> QuerySet:
    """Return access log entries, newest first; only managers may read them."""
    require(actor, can_view_record_access_log(actor), _("read the record access log"))
    entries = RecordAccessLog.objects.select_related("user", "record__customer")
    if record is not None:
        entries = entries.filter(record=record)
    return entries.order_by("-accessed_at", "-pk")


# Products, orders and vouchers -------------------------------------------------------------


def active_products() -> QuerySet:
    return Product.objects.filter(is_active=True).select_related("image").prefetch_related("promotions").order_by("name")


def branch_orders(*, branch: Branch, statuses=None) -> QuerySet:
    orders = Order.objects.filter(branch=branch)
    if statuses:
        orders = orders.filter(status__in=statuses)
    return (
        orders.select_related("customer", "voucher")
        .prefetch_related(Prefetch("items", queryset=OrderItem.objects.order_by("pk")))
        .order_by("-placed_at", "-pk")
    )


def orders_to_prepare(*, branch: Branch) -> QuerySet:
    """Paid orders whose products still have to be packed."""
    return branch_orders(branch=branch, statuses=[OrderStatus.PAID])


def voucher_list() -> QuerySet:
    return Voucher.objects.select_related("owner").order_by("-valid_until", "code")


def voucher_redemptions(voucher: Voucher) -> QuerySet:
    return voucher.redemptions.select_related("customer", "order", "ticket", "redeemed_by").order_by("-redeemed_at", "-pk")


# Dashboard --------------------------------------------------------------------------------


@dataclass
class DashboardCounts:
    queue_length: int  # waiting or called today
    rooms_free: int
    orders_to_prepare: int


def dashboard_counts(*, branch: Branch, today: datetime.date | None = None) -> DashboardCounts:
    today = today or timezone.localdate()
    return DashboardCounts(
        queue_length=QueueTicket.objects.filter(
            branch=branch, service_date=today, status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
        ).count(),
        rooms_free=TreatmentRoom.objects.filter(branch=branch, status=RoomStatus.AVAILABLE).count(),
        orders_to_prepare=Order.objects.filter(branch=branch, status=OrderStatus.PAID).count(),
    )


def default_branch() -> Branch | None:
    """Return the first active branch; screens use it until staff are tied to branches."""
    return Branch.objects.filter(is_active=True).order_by("pk").first()
