"""Many requests at once: nothing lost, nothing doubled. PostgreSQL only (real row locks).

Each test commits its own data (transactional database) because the worker threads use their
own connections and cannot see uncommitted rows; the demo data is not used.
"""

import pytest

from crm.errors import CrmError
from crm.models import (
    Order,
    QueueTicket,
    RoomStatus,
    StaffRole,
    TicketStatus,
    TreatmentRoom,
    Voucher,
    VoucherRedemption,
)
from crm.services import (
    adjust_stock,
    call_next_ticket,
    place_order,
    redeem_voucher,
    start_treatment,
    take_queue_number,
)
from tests.crm.factories import (
    BranchFactory,
    CustomerFactory,
    ProductFactory,
    QueueTicketFactory,
    TreatmentRoomFactory,
    UserFactory,
    VoucherFactory,
)

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 20


def codes(errors):
    return sorted({error.code if isinstance(error, CrmError) else repr(error) for error in errors})


def test_queue_numbers_no_duplicate_no_gap(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()

    tickets, errors = run_in_parallel(
        THREADS, lambda index: take_queue_number(actor=front_desk, branch=branch, walk_in_name=f"Tamu {index}")
    )

    assert errors == []
    numbers = sorted(ticket.number for ticket in tickets)
    assert numbers == list(range(1, THREADS + 1))
    stored = sorted(QueueTicket.objects.filter(branch=branch).values_list("number", flat=True))
    assert stored == numbers


def test_call_next_gives_each_desk_another_ticket(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    for index in range(THREADS):
        take_queue_number(actor=front_desk, branch=branch, walk_in_name=f"Tamu {index}")

    called, errors = run_in_parallel(THREADS, lambda index: call_next_ticket(actor=front_desk, branch=branch))

    assert errors == []
    assert len({ticket.pk for ticket in called}) == THREADS
    assert QueueTicket.objects.filter(branch=branch, status=TicketStatus.CALLED).count() == THREADS


def test_one_room_one_treatment(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    room = TreatmentRoomFactory(branch=branch)
    tickets = [QueueTicketFactory(branch=branch, status=TicketStatus.CALLED) for _ in range(THREADS)]

    started, errors = run_in_parallel(
        THREADS, lambda index: start_treatment(actor=front_desk, ticket=tickets[index], room=room)
    )

    assert len(started) == 1
    assert codes(errors) == ["room_not_available"]
    assert len(errors) == THREADS - 1
    room.refresh_from_db()
    assert room.status == RoomStatus.OCCUPIED
    assert room.current_ticket_id == started[0].pk
    assert QueueTicket.objects.filter(branch=branch, status=TicketStatus.IN_TREATMENT).count() == 1


def test_one_ticket_one_room(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    rooms = [TreatmentRoomFactory(branch=branch) for _ in range(THREADS)]
    ticket = QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)

    started, errors = run_in_parallel(THREADS, lambda index: start_treatment(actor=front_desk, ticket=ticket, room=rooms[index]))

    assert len(started) == 1
    assert codes(errors) == ["ticket_status_invalid"]
    assert TreatmentRoom.objects.filter(branch=branch, status=RoomStatus.OCCUPIED).count() == 1


def test_single_use_voucher_on_orders(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    product = ProductFactory(stock=THREADS * 2)
    voucher = VoucherFactory(usage_limit=1)
    customers = [CustomerFactory() for _ in range(THREADS)]

    orders, errors = run_in_parallel(
        THREADS,
        lambda index: place_order(
            actor=front_desk, customer=customers[index], branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code
        ),
    )

    assert len(orders) == 1
    assert codes(errors) == ["voucher_used_up"]
    voucher.refresh_from_db()
    assert voucher.times_used == 1
    assert VoucherRedemption.objects.filter(voucher=voucher).count() == 1
    product.refresh_from_db()
    assert product.stock == THREADS * 2 - 1
    assert Order.objects.filter(branch=branch).count() == 1


def test_single_use_voucher_on_tickets(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    voucher = VoucherFactory(usage_limit=1)
    tickets = [QueueTicketFactory(branch=branch) for _ in range(THREADS)]

    redemptions, errors = run_in_parallel(
        THREADS, lambda index: redeem_voucher(actor=front_desk, code=voucher.code, ticket=tickets[index])
    )

    assert len(redemptions) == 1
    assert codes(errors) == ["voucher_used_up"]
    assert Voucher.objects.get(pk=voucher.pk).times_used == 1


def test_per_customer_limit_under_concurrency(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    product = ProductFactory(stock=THREADS)
    voucher = VoucherFactory(per_customer_limit=1, usage_limit=None)
    customer = CustomerFactory()

    orders, errors = run_in_parallel(
        THREADS,
        lambda index: place_order(actor=front_desk, customer=customer, branch=branch, items=[(product.pk, 1)], voucher_code=voucher.code),
    )

    assert len(orders) == 1
    assert codes(errors) == ["voucher_customer_limit"]


def test_last_item_in_stock(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    product = ProductFactory(stock=1)
    customers = [CustomerFactory() for _ in range(THREADS)]

    orders, errors = run_in_parallel(
        THREADS, lambda index: place_order(actor=front_desk, customer=customers[index], branch=branch, items=[(product.pk, 1)])
    )

    assert len(orders) == 1
    assert codes(errors) == ["product_out_of_stock"]
    product.refresh_from_db()
    assert product.stock == 0
    assert Order.objects.filter(branch=branch).count() == 1


def test_stock_shared_by_many_orders(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    branch = BranchFactory()
    product = ProductFactory(stock=25)
    other = ProductFactory(stock=100)
    customers = [CustomerFactory() for _ in range(THREADS)]

    orders, errors = run_in_parallel(
        THREADS,
        lambda index: place_order(
            actor=front_desk,
            customer=customers[index],
            branch=branch,
            items=[(other.pk, 1), (product.pk, 2)] if index % 2 else [(product.pk, 2), (other.pk, 1)],
        ),
    )

    # 25 units at 2 per order: 12 orders fit, 8 are rejected, and one unit is left.
    assert len(orders) == 12
    assert codes(errors) == ["product_out_of_stock"]
    product.refresh_from_db()
    other.refresh_from_db()
    assert product.stock == 1
    assert other.stock == 100 - 12



def test_restock_during_sales(run_in_parallel):
    front_desk = UserFactory(role=StaffRole.FRONT_DESK)
    manager = UserFactory(role=StaffRole.MANAGER)
    branch = BranchFactory()
    product = ProductFactory(stock=THREADS // 2)
    customers = [CustomerFactory() for _ in range(THREADS)]

    def sell_or_restock(index):
        if index % 2:
            return adjust_stock(actor=manager, product=product, delta=1)
        return place_order(actor=front_desk, customer=customers[index], branch=branch, items=[(product.pk, 1)])

    results, errors = run_in_parallel(THREADS, sell_or_restock)

    # The starting stock covers all 10 orders whatever the interleaving, so the end stock is
    # 10 - 10 sold + 10 restocked unless an update was lost.
    assert errors == []
    assert len(results) == THREADS
    product.refresh_from_db()
    assert product.stock == THREADS // 2
    assert Order.objects.filter(branch=branch).count() == THREADS // 2
