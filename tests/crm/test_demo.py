import io

import phonenumbers
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from crm import demo
from crm.models import (
    Branch,
    Customer,
    Order,
    OrderStatus,
    Product,
    QueueTicket,
    RecordAddendum,
    RoomStatus,
    StaffRole,
    TicketStatus,
    TreatmentPhoto,
    TreatmentRecord,
    TreatmentRoom,
    Voucher,
    VoucherKind,
    VoucherScope,
)
from crm.roles import role_group
from crm.selectors import dashboard_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_branch():
    return Branch.objects.get(code=demo.BRANCH["code"])


def test_customers_have_indonesian_mobiles():
    customers = list(Customer.objects.filter(phone__startswith="+628"))

    assert len(customers) >= 40
    for customer in customers[:40]:
        number = phonenumbers.parse(str(customer.phone))
        assert phonenumbers.is_valid_number(number), customer.phone
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE, customer.phone


def test_todays_queue_has_every_status(demo_branch):
    statuses = set(QueueTicket.objects.filter(branch=demo_branch, service_date=timezone.localdate()).values_list("status", flat=True))

    assert statuses == set(TicketStatus.values)


def test_rooms_on_the_board(demo_branch):
    rooms = TreatmentRoom.objects.filter(branch=demo_branch)

    assert rooms.count() == 6
    assert set(rooms.values_list("status", flat=True)) == set(RoomStatus.values)
    for room in rooms.filter(status=RoomStatus.OCCUPIED):
        assert room.current_ticket.status == TicketStatus.IN_TREATMENT


def test_records_signed_amended_and_photographed(demo_branch):
    records = TreatmentRecord.objects.filter(branch=demo_branch)

    assert records.count() == 30
    assert records.filter(signed_at__isnull=False).count() >= 20
    assert records.filter(signed_at__isnull=True).exists()
    assert RecordAddendum.objects.filter(record__branch=demo_branch).exists()
    photos = TreatmentPhoto.objects.filter(record__branch=demo_branch)
    assert photos.count() >= 4
    assert all(photo.image.storage.exists(photo.image.name) for photo in photos)
    for record in records.filter(signed_at__isnull=False):
        assert record.signed_digest == record.content_digest()


def test_products_and_orders(demo_branch):
    assert Product.objects.filter(sku__startswith="AMZ-").count() == 15
    orders = Order.objects.filter(branch=demo_branch)
    assert orders.count() == 25
    today = timezone.localdate()
    assert orders.exclude(placed_at__date=today).count() >= 20
    for order in orders:
        assert order.number.startswith(f"ORD-{timezone.localdate(order.placed_at):%Y%m%d}-")
    assert set(orders.values_list("status", flat=True)) == set(OrderStatus.values)
    assert orders.filter(voucher__isnull=False).count() >= 3


def test_vouchers_of_every_kind():
    today = timezone.localdate()
    vouchers = Voucher.objects.filter(code__in=[code for code in ("HEMAT10", "PRODUK50K", "FACIAL15", "SEKALIPAKAI", "RAMADAN20", "TAHUNBARU", "ULTAH-SITI", "ULTAH-DEWI")])

    assert vouchers.count() == 8
    assert set(vouchers.values_list("kind", flat=True)) == set(VoucherKind.values)
    assert set(vouchers.values_list("scope", flat=True)) == set(VoucherScope.values)
    assert vouchers.filter(owner__isnull=False).count() == 2
    assert vouchers.filter(valid_until__lt=today).exists()
    assert vouchers.filter(valid_from__gt=today).exists()
    assert vouchers.filter(min_spend__gt=0).exists()
    used_up = Voucher.objects.get(code="SEKALIPAKAI")
    assert used_up.times_used == used_up.usage_limit == 1


def test_staff_user_per_role():
    User = get_user_model()

    for username, _first, _last, role in demo.STAFF:
        user = User.objects.get(username=username)
        assert user.is_staff
        assert user.groups.filter(pk=role_group(role).pk).exists()


def test_dashboard_on_demo(demo_branch):
    counts = dashboard_counts(branch=demo_branch)

    assert counts.queue_length >= 1
    assert counts.rooms_free >= 1
    assert counts.orders_to_prepare >= 1


def test_seed_again_adds_nothing():
    models = [Customer, QueueTicket, TreatmentRecord, TreatmentPhoto, Order, Product, Voucher, TreatmentRoom, Branch]
    before = {model: model.objects.count() for model in models}
    output = io.StringIO()

    demo.seed(stdout=output)

    assert {model: model.objects.count() for model in models} == before
    assert "username resepsionis" in output.getvalue()
    assert "password unchanged" in output.getvalue()


def test_new_staff_logins_printed(monkeypatch):
    new_staff = [(f"{username}2", first, last, role) for username, first, last, role in demo.STAFF]
    monkeypatch.setattr(demo, "STAFF", new_staff)
    output = io.StringIO()

    demo.seed(stdout=output)

    for username, _first, _last, role in new_staff:
        assert f"username {username}  password " in output.getvalue()
        user = get_user_model().objects.get(username=username)
        assert user.groups.filter(pk=role_group(role).pk).exists()
