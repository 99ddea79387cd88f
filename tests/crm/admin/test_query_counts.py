"""Every list screen costs the same number of SQL queries for 5 rows as for 25."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crm import services
from crm.models import RecordAccessLog, RoomStatus, StaffRole, TicketStatus, TreatmentRoom, VoucherRedemption
from tests.crm.factories import (
    CustomerFactory,
    ProductFactory,
    QueueTicketFactory,
    TreatmentRecordFactory,
    TreatmentRoomFactory,
    VoucherFactory,
)

FEW, MANY = 5, 25
TICKET_STATUSES = itertools.cycle(
    [TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_TREATMENT, TicketStatus.SKIPPED, TicketStatus.DONE]
)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_fixed_query_count(client, url: str, add_rows) -> None:
    """Compare the queries of `url` after adding FEW rows and after growing to MANY rows."""
    add_rows(0, FEW)
    client.get(url)  # warm-up: session, permissions and other per-client caches
    few = count_queries(client, url)
    add_rows(FEW, MANY)
    many = count_queries(client, url)
    assert many == few, f"{url}: {few} queries for {FEW} rows, {many} for {MANY}"


@pytest.fixture
def front_desk_client(login):
    return login(StaffRole.FRONT_DESK)


@pytest.fixture
def manager_client(login):
    return login(StaffRole.MANAGER)


def test_queue_desk(front_desk_client, branch, rooms):
    def add_rows(start, stop):
        for index in range(start, stop):
            status = next(TICKET_STATUSES)
            customer = CustomerFactory() if index % 2 else None
            QueueTicketFactory(
                branch=branch,
                customer=customer,
                walk_in_name="" if customer else f"Tamu {index}",
                status=status,
                room=rooms[0] if status == TicketStatus.IN_TREATMENT else None,
            )

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:queue_desk") + f"?branch={branch.code}", add_rows)


def test_rooms_board(front_desk_client, branch):
    def add_rows(start, stop):
        for index in range(start, stop):
            room = TreatmentRoomFactory(branch=branch, name=f"Ruang Massal {index}")
            if index % 2:
                ticket = QueueTicketFactory(branch=branch, status=TicketStatus.IN_TREATMENT, room=room)
                TreatmentRoom.objects.filter(pk=room.pk).update(status=RoomStatus.OCCUPIED, current_ticket=ticket)
            else:
                QueueTicketFactory(branch=branch, status=TicketStatus.CALLED)

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:rooms_board") + f"?branch={branch.code}", add_rows)


def test_customer_search(front_desk_client):
    def add_rows(start, stop):
        for index in range(start, stop):
            CustomerFactory(full_name=f"Massal Pelanggan {index}")

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:customer_list") + "?q=Massal", add_rows)


def test_customer_profile(manager_client, staff, branch):
    customer = CustomerFactory()
    product = ProductFactory(stock=1000)

    def add_rows(start, stop):
        for _index in range(start, min(stop, 20)):  # the profile shows the latest 20 of each
            QueueTicketFactory(branch=branch, customer=customer, room=None)
            TreatmentRecordFactory(customer=customer, branch=branch, practitioner=staff[StaffRole.DOCTOR])
            services.place_order(
                actor=staff[StaffRole.FRONT_DESK], customer=customer, branch=branch, items=[(product.pk, 1)]
            )

    assert_fixed_query_count(manager_client, reverse("crm_admin:customer_detail", args=(customer.pk,)), add_rows)


def test_record_list(manager_client, staff, branch):
    def add_rows(start, stop):
        for index in range(start, stop):
            TreatmentRecordFactory(
                customer=CustomerFactory(full_name=f"Massal Rekam {index}"),
                branch=branch,
                practitioner=staff[StaffRole.DOCTOR] if index % 2 else staff[StaffRole.THERAPIST],
            )

    assert_fixed_query_count(manager_client, reverse("crm_admin:record_list") + "?q=Massal", add_rows)


def test_access_log(manager_client, staff, branch):
    record = TreatmentRecordFactory(branch=branch, practitioner=staff[StaffRole.DOCTOR])
    readers = [staff[StaffRole.DOCTOR], staff[StaffRole.THERAPIST], staff[StaffRole.MANAGER]]

    def add_rows(start, stop):
        for index in range(start, stop):
            RecordAccessLog.objects.create(record=record, user=readers[index % len(readers)])

    assert_fixed_query_count(manager_client, reverse("crm_admin:access_log") + f"?record={record.pk}", add_rows)


def test_product_search(front_desk_client):
    def add_rows(start, stop):
        for index in range(start, stop):
            ProductFactory(sku=f"MASSAL-{index}", stock=index)

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:product_list") + "?q=MASSAL", add_rows)


def test_order_list(front_desk_client, staff, branch):
    product = ProductFactory(stock=1000)

    def add_rows(start, stop):
        for _index in range(start, stop):
            services.place_order(
                actor=staff[StaffRole.FRONT_DESK], customer=CustomerFactory(), branch=branch, items=[(product.pk, 1)]
            )

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:order_list") + f"?branch={branch.code}", add_rows)


def test_order_detail(front_desk_client, staff, branch):
    products = [ProductFactory(stock=10) for _index in range(MANY)]
    orders = {}

    def add_rows(start, stop):
        # Each size gets its own order, since a placed order's items are fixed.
        orders[stop] = services.place_order(
            actor=staff[StaffRole.FRONT_DESK],
            customer=CustomerFactory(),
            branch=branch,
            items=[(product.pk, 1) for product in products[:stop]],
        )

    add_rows(0, FEW)
    add_rows(FEW, MANY)
    url_few = reverse("crm_admin:order_detail", args=(orders[FEW].pk,))
    url_many = reverse("crm_admin:order_detail", args=(orders[MANY].pk,))
    front_desk_client.get(url_few)
    assert count_queries(front_desk_client, url_few) == count_queries(front_desk_client, url_many)


def test_voucher_search(front_desk_client):
    def add_rows(start, stop):
        for index in range(start, stop):
            VoucherFactory(code=f"MASSAL{index}", owner=CustomerFactory() if index % 2 else None)

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:voucher_list") + "?q=MASSAL", add_rows)


def test_voucher_redemptions(front_desk_client, staff, branch):
    voucher = VoucherFactory(code="MASSALPAKAI")

    def add_rows(start, stop):
        for _index in range(start, stop):
            ticket = QueueTicketFactory(branch=branch)
            VoucherRedemption.objects.create(
                voucher=voucher,
                customer=ticket.customer,
                ticket=ticket,
                discount_amount=Decimal("10000"),
                redeemed_at=timezone.now(),
                redeemed_by=staff[StaffRole.FRONT_DESK],
            )

    assert_fixed_query_count(front_desk_client, reverse("crm_admin:voucher_detail", args=(voucher.pk,)), add_rows)
