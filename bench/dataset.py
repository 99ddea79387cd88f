"""The benchmark's data set: the demo clinic, grown to a given number of services (and orders).

Growing only adds rows, so a run goes 20 → 200 → 2000 services without starting over. Extra
services are published pages like the demo's (live, public, with a main image); they reuse
the demo's pictures so no image files are drawn and renditions stay few.
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
