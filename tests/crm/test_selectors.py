import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crm import selectors
from crm.models import OrderStatus, RoomStatus, TicketStatus, VoucherScope
from crm.services import place_order, register_customer
from tests.crm.factories import (
    BranchFactory,
    CustomerFactory,
    ProductFactory,
    QueueTicketFactory,
    TreatmentRecordFactory,
    TreatmentRoomFactory,
    VoucherFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(function):
    with CaptureQueriesContext(connection) as context:
        result = function()
    return len(context.captured_queries), result


@pytest.mark.parametrize("query", ["0812 4444 5555", "081244445555", "+62 812-4444-5555", "62812444", "8124444", "4444 5555"])
def test_search_by_phone_spellings(front_desk, query):
    customer = register_customer(actor=front_desk, full_name="Rahayu Putri", phone="0812 4444 5555")

    assert customer in selectors.search_customers(query=query)


def test_search_by_name_words_and_code(front_desk):
    customer = register_customer(actor=front_desk, full_name="Rahayu Kusuma Putri", phone="0812 4444 6666", email="rahayu@example.com")

    assert customer in selectors.search_customers(query="putri rahayu")
    assert customer in selectors.search_customers(query=customer.member_code.lower())
    assert customer in selectors.search_customers(query="RAHAYU@example.com")
    assert customer not in selectors.search_customers(query="rahayu budi")
    assert not selectors.search_customers(query="  ").exists()


def test_phone_search_digits():
    assert selectors.phone_search_digits("0812-345") == "62812345"
    assert selectors.phone_search_digits("+62 812 345") == "62812345"
    assert selectors.phone_search_digits("812") is None
    assert selectors.phone_search_digits("Siti 0812") is None


def test_queue_position_and_wait_before_first_treatment(branch):
    TreatmentRoomFactory(branch=branch)
    TreatmentRoomFactory(branch=branch)
    TreatmentRoomFactory(branch=branch, status=RoomStatus.OUT_OF_SERVICE)
    first = QueueTicketFactory(branch=branch, service_duration_minutes=60)
    QueueTicketFactory(branch=branch, status=TicketStatus.CANCELLED)
    third = QueueTicketFactory(branch=branch, service_duration_minutes=45)

    assert selectors.queue_position(first) == 1
    assert selectors.queue_position(third) == 2
    # No finished treatment yet: the ticket's own service duration, over 2 rooms in service.
    assert selectors.estimate_wait_minutes(first) == 30
    assert selectors.estimate_wait_minutes(third) == 45


def test_wait_uses_average_of_finished_treatments(branch):
    TreatmentRoomFactory(branch=branch)
    now = timezone.now()
    for minutes in (40, 60):
        QueueTicketFactory(
            branch=branch,
            status=TicketStatus.DONE,
            treatment_started_at=now - datetime.timedelta(minutes=minutes),
            treatment_finished_at=now,
        )
    waiting = [QueueTicketFactory(branch=branch, service_duration_minutes=90) for _ in range(3)]

    assert selectors.average_treatment_minutes(branch=branch) == 50
    assert [selectors.estimate_wait_minutes(ticket) for ticket in waiting] == [50, 100, 150]
    assert selectors.estimate_wait_minutes(QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)) is None


def test_queue_board_matches_single_estimates(branch):
    TreatmentRoomFactory(branch=branch)
    tickets = [QueueTicketFactory(branch=branch) for _ in range(3)]
    tickets[1].status = TicketStatus.CALLED
    tickets[1].save()

    board = selectors.queue_board(branch=branch)

    assert [entry.ticket.pk for entry in board] == [ticket.pk for ticket in tickets]
    assert [entry.position for entry in board] == [1, None, 2]
    assert [entry.estimated_wait_minutes for entry in board] == [
        selectors.estimate_wait_minutes(tickets[0]),
        None,
        selectors.estimate_wait_minutes(tickets[2]),
    ]


def test_queue_board_fixed_queries(branch):
    TreatmentRoomFactory(branch=branch)
    QueueTicketFactory(branch=branch)
    small, _ = count_queries(lambda: [entry.ticket.visitor_name for entry in selectors.queue_board(branch=branch)])
    for _ in range(10):
        QueueTicketFactory(branch=branch, customer=CustomerFactory())
    large, board = count_queries(
        lambda: [(entry.ticket.visitor_name, entry.ticket.room) for entry in selectors.queue_board(branch=branch)]
    )

    assert len(board) == 11
    assert large == small


def test_todays_queue_excludes_other_days_and_branches(branch):
    today_ticket = QueueTicketFactory(branch=branch)
    QueueTicketFactory(branch=branch, service_date=timezone.localdate() - datetime.timedelta(days=1))
    QueueTicketFactory(branch=BranchFactory())

    assert list(selectors.todays_queue(branch=branch)) == [today_ticket]


def test_rooms_by_status_groups_all(branch):
    TreatmentRoomFactory(branch=branch, status=RoomStatus.CLEANING)
    TreatmentRoomFactory(branch=branch)

    grouped = selectors.rooms_by_status(branch=branch)

    assert set(grouped) == set(RoomStatus.values)
    assert len(grouped[RoomStatus.CLEANING]) == 1
    assert len(grouped[RoomStatus.AVAILABLE]) == 1
    assert grouped[RoomStatus.OCCUPIED] == []


def test_rooms_fixed_queries(branch):
    TreatmentRoomFactory(branch=branch)
    small, _ = count_queries(lambda: [str(room.current_ticket) for room in selectors.branch_rooms(branch=branch)])
    for _ in range(5):
        ticket = QueueTicketFactory(branch=branch, status=TicketStatus.IN_TREATMENT)
        TreatmentRoomFactory(branch=branch, status=RoomStatus.OCCUPIED, current_ticket=ticket)
    large, _ = count_queries(
        lambda: [
            room.current_ticket and room.current_ticket.visitor_name for room in selectors.branch_rooms(branch=branch)
        ]
    )

    assert large == small


def test_dashboard_counts(front_desk, branch):
    QueueTicketFactory(branch=branch)
    QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)
    QueueTicketFactory(branch=branch, status=TicketStatus.DONE)
    TreatmentRoomFactory(branch=branch)
    TreatmentRoomFactory(branch=branch, status=RoomStatus.CLEANING)
    product = ProductFactory()
    order = place_order(actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)], payment_method="cash")
    place_order(actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)])
    from crm.services import set_order_status

    set_order_status(actor=front_desk, order=order, status=OrderStatus.PAID)

    counts = selectors.dashboard_counts(branch=branch)

    assert counts.queue_length == 2
    assert counts.rooms_free == 1
    assert counts.orders_to_prepare == 1
    assert list(selectors.orders_to_prepare(branch=branch)) == [order]


def test_customer_vouchers_sorted(front_desk, branch, customer):
    today = timezone.localdate()
    personal = VoucherFactory(owner=customer)
    expired_personal = VoucherFactory(owner=customer, valid_from=today - datetime.timedelta(days=30), valid_until=today - datetime.timedelta(days=1))
    someone_elses = VoucherFactory(owner=CustomerFactory())
    public_used = VoucherFactory(per_customer_limit=1, scope=VoucherScope.PRODUCTS)
    future = VoucherFactory(valid_from=today + datetime.timedelta(days=3))
    product = ProductFactory()
    place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code=public_used.code)

    vouchers = selectors.customer_vouchers(customer)

    assert personal in vouchers.usable
    assert public_used not in vouchers.usable
    assert someone_elses not in vouchers.usable
    assert future not in vouchers.usable
    assert vouchers.expired == [expired_personal]
    assert [redemption.voucher for redemption in vouchers.used] == [public_used]


def test_customer_lists_fixed_queries(front_desk, branch, doctor):
    doctor.get_all_permissions()  # fill the permission cache so only list queries are counted
    customer = CustomerFactory()
    product = ProductFactory(stock=100)

    def read_all():
        orders = [(order.number, [item.product_name for item in order.items.all()], order.branch.name) for order in selectors.customer_orders(customer)]
        records = [(record.practitioner.username, record.branch.name) for record in selectors.customer_records(doctor, customer)]
        tickets = [(ticket.branch.name, ticket.room) for ticket in selectors.customer_tickets(customer)]
        return orders, records, tickets

    place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)])
    TreatmentRecordFactory(customer=customer)
    QueueTicketFactory(customer=customer)
    small, _ = count_queries(read_all)
    for _ in range(4):
        place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1), (ProductFactory().pk, 2)])
        TreatmentRecordFactory(customer=customer)
        QueueTicketFactory(customer=customer)
    large, (orders, records, tickets) = count_queries(read_all)

    assert (len(orders), len(records), len(tickets)) == (5, 5, 5)
    assert large == small


def test_records_list_fixed_queries(doctor):
    doctor.get_all_permissions()  # fill the permission cache so only list queries are counted
    TreatmentRecordFactory()
    small, _ = count_queries(lambda: [(r.customer.full_name, r.practitioner.username) for r in selectors.treatment_records_visible_to(doctor)[:50]])
    for _ in range(5):
        TreatmentRecordFactory()
    large, _ = count_queries(lambda: [(r.customer.full_name, r.practitioner.username) for r in selectors.treatment_records_visible_to(doctor)[:50]])

    assert large == small


def test_branch_orders_fixed_queries(front_desk, branch):
    product = ProductFactory(stock=100)
    place_order(actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)])
    read = lambda: [(o.customer.full_name, [i.quantity for i in o.items.all()]) for o in selectors.branch_orders(branch=branch)]  # noqa: E731
    small, _ = count_queries(read)
    for _ in range(5):
        place_order(actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)])
    large, orders = count_queries(read)

    assert len(orders) == 6
    assert large == small


def test_voucher_redemptions_list(front_desk, branch):
    voucher = VoucherFactory()
    product = ProductFactory(stock=100)
    for _ in range(3):
        place_order(actor=front_desk, customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code)

    count, redemptions = count_queries(
        lambda: [(r.customer.full_name, r.order.number, r.discount_amount) for r in selectors.voucher_redemptions(voucher)]
    )

    assert len(redemptions) == 3
    assert all(amount == Decimal(10000) for _, _, amount in redemptions)
    assert count == 1
