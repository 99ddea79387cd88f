"""factory_boy factories for the CRM models; they write rows directly, bypassing the services."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from crm.models import (
    Branch,
    Customer,
    Product,
    QueueTicket,
    RoomKind,
    TicketStatus,
    TreatmentRecord,
    TreatmentRoom,
    Voucher,
    VoucherKind,
    VoucherScope,
)
from crm.roles import assign_role


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass `role=StaffRole.X` to put them in that staff role's group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@amaze.example")
    password = factory.django.Password("test-password")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            assign_role(user, extracted)


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    name = factory.Sequence(lambda n: f"Cabang Uji {n}")
    code = factory.Sequence(lambda n: f"cabang-uji-{n}")
    address = "Jl. Uji No. 1, Jakarta"


# 0838 (Axis) numbers are not used by the demo data, so factory customers never collide with it.
class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    full_name = factory.Sequence(lambda n: f"Pelanggan Uji {n}")
    phone = factory.Sequence(lambda n: f"+62838{10000000 + n:08d}")
    email = factory.Sequence(lambda n: f"pelanggan{n}@example.com")
    photo_consent = True
    photo_consent_at = factory.LazyFunction(timezone.now)


class TreatmentRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentRoom

    branch = factory.SubFactory(BranchFactory)
    name = factory.Sequence(lambda n: f"Ruang Uji {n}")
    kind = RoomKind.FACIAL


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"TEST-SKU-{n}")
    name = factory.Sequence(lambda n: f"Produk Uji {n}")
    price = Decimal("100000")
    stock = 10


class VoucherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voucher

    code = factory.Sequence(lambda n: f"UJI{n}")
    kind = VoucherKind.PERCENT
    percent = Decimal("10")
    scope = VoucherScope.ALL
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    usage_limit = None
    per_customer_limit = None


class QueueTicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QueueTicket

    branch = factory.SubFactory(BranchFactory)
    service_date = factory.LazyFunction(timezone.localdate)
    prefix = "U"
    number = factory.Sequence(lambda n: 500 + n)
    customer = factory.SubFactory(CustomerFactory)
    status = TicketStatus.WAITING
    service_name = "Facial Uji"
    service_price = Decimal("300000")
    service_duration_minutes = 60


class TreatmentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentRecord

    customer = factory.SubFactory(CustomerFactory)
    branch = factory.SubFactory(BranchFactory)
    performed_at = factory.LazyFunction(timezone.now)
    service_name = "Facial Uji"
    service_price = Decimal("300000")
    practitioner = factory.SubFactory(UserFactory)
    treatment_performed = "Pembersihan dan masker."
