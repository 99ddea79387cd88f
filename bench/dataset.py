"""The benchmark's data set: the demo clinic, grown to a given number of services (and orders).

Growing only adds rows, so a run goes 10 → 100 → 1000 services without starting over. Extra
services are published pages like the demo's (live, public, with a main image). They reuse
the demo's pictures, so no image files are drawn and renditions stay few.
"""

import datetime
import itertools
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# (category, price in Rupiah, duration in minutes) cycled through by the generated services.
GENERATED_SHAPES = [
    ("facial", 350_000, 60),
    ("acne", 300_000, 75),
    ("peeling", 450_000, 45),
    ("laser", 1_500_000, 45),
    ("injection", 2_500_000, 30),
    ("body", 800_000, 60),
    ("consultation", 150_000, 20),
]


def seed_demo() -> None:
    from django.core.management import call_command

    call_command("seed_demo", admin_password="bench-admin-password", verbosity=0)


def service_count() -> int:
    from cms.models import ServicePage

    return ServicePage.objects.live().count()


@transaction.atomic
def grow_services(total: int) -> int:
    """Add generated services until `total` live services exist; return how many were added."""
    from cms.models import ServiceIndexPage, ServicePage

    existing = ServicePage.objects.count()
    missing = total - existing
    if missing <= 0:
        return 0

    index = ServiceIndexPage.objects.get()
    images = [service.main_image for service in ServicePage.objects.exclude(main_image=None).select_related("main_image")[:12]]
    today = timezone.localdate()
    now = timezone.now()
    shapes = itertools.cycle(GENERATED_SHAPES)
    for number in range(existing + 1, existing + missing + 1):
        category, price, minutes = next(shapes)
        title = f"Perawatan Bench {number:04d}"
        page = ServicePage(
            title=title,
            slug=f"perawatan-bench-{number:04d}",
            summary=f"Layanan contoh nomor {number} untuk uji beban; data buatan.",
            category=category,
            price=Decimal(price + number * 1000),
            duration_minutes=minutes,
            launch_date=today - datetime.timedelta(days=number % 400),
            main_image=images[number % len(images)] if images else None,
            body=[("paragraph", f"<p>Deskripsi layanan contoh {number}.</p>")],
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        index.add_child(instance=page)
    logger.info("Added %s generated services (now %s)", missing, total)
    return missing


# ---- CRM: customers with API tokens, one customer's orders ----

BRANCH_CODE = "kemang"
ORDERS_CUSTOMER = "bench-orders"


def front_desk_user():
    from django.contrib.auth import get_user_model

    from crm.models import StaffRole
    from crm.roles import role_group

    return get_user_model().objects.filter(groups=role_group(StaffRole.FRONT_DESK)).order_by("pk").first()


def bench_phone(number: int) -> str:
    # 0899 is not used by the demo's numbers; eight digits follow, as in a real Indonesian mobile.
    return f"0899{number:08d}"


def create_customer_with_token(username: str, number: int) -> tuple:
    """Create a customer account with an unusable password and return (customer, bearer secret).

    No password hashing: PBKDF2 would take most of the setup time and no scenario signs in.
    """
    from django.contrib.auth import get_user_model

    from common.api_tokens import create_api_token
    from crm import services

    user = get_user_model().objects.create(username=username)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    customer = services.register_customer(
        actor=front_desk_user(), full_name=f"Pelanggan Bench {number}", phone=bench_phone(number), user=user
    )
    _token, secret = create_api_token(user=user, name="make bench")
    return customer, secret


@transaction.atomic
def create_queue_customers(count: int, first_number: int = 1) -> list[str]:
    """Create `count` customers who can each take one queue number; return their bearer secrets."""
    return [
        create_customer_with_token(f"bench-queue-{number}", number)[1]
        for number in range(first_number, first_number + count)
    ]


def orders_customer_token() -> str:
    """Return a fresh bearer secret of the customer whose orders scenario 3 lists."""
    from django.contrib.auth import get_user_model

    from common.api_tokens import create_api_token

    user = get_user_model().objects.filter(username=ORDERS_CUSTOMER).first()
    if user is None:
        return create_customer_with_token(ORDERS_CUSTOMER, 900_000)[1]
    return create_api_token(user=user, name="make bench")[1]


@transaction.atomic
def grow_orders(total: int) -> int:
    """Place orders for the scenario 3 customer until they have `total`; return how many were added."""
    from crm import services
    from crm.models import Branch, Customer, Product

    customer = Customer.objects.get(user__username=ORDERS_CUSTOMER)
    missing = total - customer.orders.count()
    if missing <= 0:
        return 0
    products = list(Product.objects.filter(is_active=True).order_by("pk"))
    # A million units each: far more than the 3 units per order of at most a few thousand orders.
    Product.objects.filter(pk__in=[product.pk for product in products]).update(stock=1_000_000)
    branch = Branch.objects.get(code=BRANCH_CODE)
    actor = front_desk_user()
    for index in range(missing):
        items = [(products[index % len(products)].pk, 1), (products[(index + 3) % len(products)].pk, 2)]
        services.place_order(actor=actor, customer=customer, branch=branch, items=items)
    logger.info("Added %s orders for %s (now %s)", missing, ORDERS_CUSTOMER, total)
    return missing


def front_desk_token() -> str:
    from common.api_tokens import create_api_token

    return create_api_token(user=front_desk_user(), name="make bench")[1]
