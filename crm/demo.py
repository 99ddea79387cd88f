"""Demo data of the clinic operations for Amaze Skin Care; running it again adds nothing twice.

Called by `manage.py seed_demo` after the CMS pages exist. Everything goes through the
services, so the demo also shows that the rules hold. Only times in the past (orders of past
months, signing times, treatment lengths) are set afterwards with plain updates.
"""

import datetime
import io
import logging
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from cms.models import PromotionPage, ServicePage
from crm import services
from crm.models import (
    Branch,
    Customer,
    OrderChannel,
    OrderStatus,
    PaymentMethod,
    PhotoKind,
    Product,
    QueueTicket,
    RoomKind,
    RoomStatus,
    StaffRole,
    TicketSource,
    TicketStatus,
    TreatmentRecord,
    TreatmentRoom,
    Voucher,
    VoucherKind,
    VoucherRedemption,
    VoucherScope,
)
from crm.models.orders import Order, OrderCounter
from crm.roles import assign_role, ensure_roles

logger = logging.getLogger(__name__)

BRANCH = {
    "code": "kemang",
    "name": "Amaze Skin Care Kemang",
    "address": "Jl. Kemang Raya No. 18, Bangka, Mampang Prapatan, Jakarta Selatan 12730",
    "phone": "021 7199 1234",
}

# (username, first name, last name, role)
STAFF = [
    ("resepsionis", "Rina", "Marlina", StaffRole.FRONT_DESK),
    ("terapis", "Yuni", "Astuti", StaffRole.THERAPIST),
    ("dokter", "dr. Andika", "Pratama, Sp.KK", StaffRole.DOCTOR),
    ("marketing", "Sekar", "Ayuningtyas", StaffRole.MARKETING),
    ("manajer", "Budi", "Hartono", StaffRole.MANAGER),
]
ONLINE_CUSTOMER_USERNAME = "pelanggan"

# (full name, sex); phone numbers and the other details are derived from the position.
CUSTOMERS = [
    ("Siti Nurhaliza", "female"), ("Dewi Lestari", "female"), ("Putri Ayu Wulandari", "female"),
    ("Rizky Ramadhan", "male"), ("Anisa Rahmawati", "female"), ("Fitri Handayani", "female"),
    ("Agus Setiawan", "male"), ("Nur Aini", "female"), ("Indah Permatasari", "female"),
    ("Bayu Saputra", "male"), ("Ratna Sari Dewi", "female"), ("Maya Anggraini", "female"),
    ("Dian Puspita", "female"), ("Hendra Gunawan", "male"), ("Wulan Sari", "female"),
    ("Kartika Candra", "female"), ("Eko Prasetyo", "male"), ("Lina Marlina", "female"),
    ("Novi Kurniawati", "female"), ("Yogi Firmansyah", "male"), ("Ayu Ningsih", "female"),
    ("Mega Utami", "female"), ("Fajar Nugroho", "male"), ("Sri Wahyuni", "female"),
    ("Citra Kirana", "female"), ("Tania Maharani", "female"), ("Dimas Aditya", "male"),
    ("Larasati Pramesti", "female"), ("Intan Nuraini", "female"), ("Reza Mahendra", "male"),
    ("Vina Oktaviani", "female"), ("Yuliana Siregar", "female"), ("Gita Savitri", "female"),
    ("Hana Pertiwi", "female"), ("Joko Susilo", "male"), ("Melati Suryani", "female"),
    ("Nadia Safitri", "female"), ("Olivia Tambunan", "female"), ("Rahma Aulia", "female"),
    ("Teguh Wibowo", "male"),
]
MOBILE_PREFIXES = ["0812", "0813", "0821", "0822", "0852", "0857", "0858", "0878", "0877", "0896", "0895", "0811"]
SKIN_TYPES = ["normal", "dry", "oily", "combination", "sensitive"]
ALLERGIES = ["", "", "", "Alergi asam salisilat", "Kulit sensitif terhadap parfum", "", "Alergi lateks", ""]

ROOMS = [
    ("Ruang Facial 1", RoomKind.FACIAL),
    ("Ruang Facial 2", RoomKind.FACIAL),
    ("Ruang Laser", RoomKind.LASER),
    ("Ruang Injeksi", RoomKind.INJECTION),
    ("Ruang Body Care", RoomKind.BODY),
    ("Ruang Konsultasi", RoomKind.CONSULTATION),
]

# (SKU, name, price, stock, description)
PRODUCTS = [
    ("AMZ-SER-VITC", "Serum Vitamin C 20 ml", 185000, 40, "Serum pencerah dengan vitamin C 10% dan asam ferulat."),
    ("AMZ-SER-NIA", "Serum Niacinamide 10% 20 ml", 165000, 35, "Menyamarkan noda dan mengontrol minyak."),
    ("AMZ-SUN-50", "Sunscreen SPF 50 PA++++ 50 ml", 145000, 60, "Tabir surya ringan, tidak lengket, untuk semua jenis kulit."),
    ("AMZ-CLN-GEL", "Gentle Cleanser 100 ml", 95000, 50, "Pembersih wajah pH seimbang untuk kulit sensitif."),
    ("AMZ-TON-HYD", "Hydrating Toner 100 ml", 110000, 30, "Toner dengan hyaluronic acid dan panthenol."),
    ("AMZ-MOI-CER", "Ceramide Moisturizer 50 g", 175000, 25, "Pelembap penguat skin barrier dengan ceramide."),
    ("AMZ-ACN-SPT", "Acne Spot Gel 15 g", 75000, 45, "Gel totol jerawat dengan tea tree dan sulfur."),
    ("AMZ-NGT-RET", "Night Cream Retinol 0,3% 30 g", 225000, 20, "Krim malam retinol untuk tekstur dan garis halus."),
    ("AMZ-MSK-CLY", "Clay Mask 100 g", 120000, 18, "Masker kaolin untuk pori dan minyak berlebih."),
    ("AMZ-EYE-CRM", "Eye Cream Peptide 15 ml", 195000, 15, "Krim mata dengan peptida dan kafein."),
    ("AMZ-LIP-BLM", "Lip Balm SPF 15", 45000, 80, "Pelembap bibir dengan SPF."),
    ("AMZ-BOD-LTN", "Brightening Body Lotion 200 ml", 135000, 22, "Losion tubuh dengan niacinamide."),
    ("AMZ-MIC-H2O", "Micellar Water 200 ml", 89000, 3, "Pembersih riasan tanpa bilas."),
    ("AMZ-EXF-AHA", "AHA BHA Exfoliating Toner 100 ml", 155000, 1, "Eksfoliasi kimia lembut, dipakai 2–3 kali seminggu."),
    ("AMZ-SHT-MSK", "Sheet Mask Hydrating (isi 5)", 99000, 0, "Masker lembar untuk hidrasi instan; sedang habis."),
]
# SKUs linked to the active year-end promotion, so its discount also shows on products.
PROMOTED_SKUS = {"AMZ-SER-VITC", "AMZ-SUN-50"}
PROMOTION_SLUG = "promo-akhir-tahun"
CLEANING_ROOM = "Ruang Facial 2"  # left in cleaning after today's treatment, for the room board

SERVICE_SLUGS = [
    "facial-glow-brightening",
    "facial-acne-clear",
    "hydrafacial-deluxe",
    "chemical-peeling-ringan",
    "laser-rejuvenation",
    "konsultasi-dokter",
    "body-scrub-spa",
]
COMPLAINTS = [
    "Kulit kusam dan pori besar di area T.",
    "Jerawat meradang di pipi sejak dua minggu.",
    "Flek hitam di pipi, makin jelas setelah sering di luar ruangan.",
    "Kulit kering dan terasa ketarik setelah cuci muka.",
    "Bekas jerawat kemerahan di dahi.",
]
ASSESSMENTS = [
    "Kulit kombinasi, komedo terbuka di hidung, tidak ada peradangan aktif.",
    "Papula dan pustula di pipi kanan-kiri, kulit berminyak.",
    "Hiperpigmentasi epidermal di malar, kulit normal.",
    "Skin barrier terganggu, eritema ringan.",
    "PIE di dahi, tekstur sedikit kasar.",
]
ADVICE = [
    "Gunakan sunscreen setiap pagi dan ulangi tiap 3 jam di luar ruangan.",
    "Hindari memencet jerawat; pakai spot gel dua kali sehari.",
    "Pakai pelembap ceramide pagi dan malam selama dua minggu.",
]


def seed(stdout=None, style=None) -> None:
    """Create the demo clinic operations; existing demo data is kept as it is."""
    with transaction.atomic():
        ensure_roles()
        staff = _ensure_staff(stdout, style)
        branch = _ensure_branch()
        customers = _ensure_customers(staff[StaffRole.FRONT_DESK])
        _ensure_online_customer(customers[0], stdout, style)
        rooms = _ensure_rooms(branch)
        products = _ensure_products()
        services_by_slug = {page.slug: page for page in ServicePage.objects.filter(slug__in=SERVICE_SLUGS)}
        _ensure_vouchers(staff[StaffRole.MARKETING], customers)
        _ensure_past_records(branch, customers, staff, services_by_slug)
        _ensure_orders(branch, customers, products, staff[StaffRole.FRONT_DESK])
        _ensure_todays_queue(branch, customers, rooms, staff, services_by_slug)
    logger.info("Seeded the demo clinic operations")


def _write(stdout, text: str, style_name: str | None = None, style=None) -> None:
    if stdout is None:
        return
    if style is not None and style_name:
        text = getattr(style, style_name)(text)
    stdout.write(text)


def _ensure_staff(stdout, style) -> dict[StaffRole, object]:
    User = get_user_model()
    staff = {}
    for username, first_name, last_name, role in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(
                username, f"{username}@amaze.example", password, first_name=first_name, last_name=last_name, is_staff=True
            )
            _write(stdout, f"Staff login ({role.label}): username {username}  password {password}", "SUCCESS", style)
        else:
            _write(stdout, f"Staff login ({role.label}): username {username} (already created; password unchanged).")
        assign_role(user, role)
        staff[role] = user
    return staff


def _ensure_branch() -> Branch:
    branch = Branch.objects.filter(code=BRANCH["code"]).first()
    if branch is None:
        branch = Branch(**{**BRANCH, "phone": services.parse_phone(BRANCH["phone"])})
        branch.save()
    return branch


def demo_phone(index: int) -> str:
    prefix = MOBILE_PREFIXES[index % len(MOBILE_PREFIXES)]
    return f"{prefix}{(73110000 + index * 104729) % 100000000:08d}"


def _ensure_customers(front_desk) -> list[Customer]:
    customers = []
    for index, (full_name, sex) in enumerate(CUSTOMERS):
        phone = services.parse_phone(demo_phone(index))
        customer = Customer.objects.filter(phone=phone).first()
        if customer is None:
            email_name = full_name.lower().replace(" ", ".")
            customer = services.register_customer(
                actor=front_desk,
                full_name=full_name,
                phone=demo_phone(index),
                email=f"{email_name}@example.com" if index % 3 else "",
                birth_date=datetime.date(1975 + index % 30, 1 + index % 12, 1 + (index * 7) % 28),
                sex=sex,
                skin_type=SKIN_TYPES[index % len(SKIN_TYPES)],
                allergies=ALLERGIES[index % len(ALLERGIES)],
                marketing_consent=index % 2 == 0,
                photo_consent=index % 4 != 3,
            )
        customers.append(customer)
    return customers


def _ensure_online_customer(customer: Customer, stdout, style) -> None:
    User = get_user_model()
    if customer.user_id is not None:
        return
    user = User.objects.filter(username=ONLINE_CUSTOMER_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(ONLINE_CUSTOMER_USERNAME, customer.email or "", password)
        _write(stdout, f"Customer login (online): username {ONLINE_CUSTOMER_USERNAME}  password {password}", "SUCCESS", style)
    customer.user = user
    customer.save(update_fields=["user"])


def _ensure_rooms(branch: Branch) -> list[TreatmentRoom]:
    rooms = []
    for order, (name, kind) in enumerate(ROOMS):
        room, _created = TreatmentRoom.objects.get_or_create(
            branch=branch, name=name, defaults={"kind": kind, "sort_order": order}
        )
        rooms.append(room)
    return rooms


def _ensure_products() -> list[Product]:
    products = []
    promotion = PromotionPage.objects.filter(slug=PROMOTION_SLUG).first()
    for sku, name, price, stock, description in PRODUCTS:
        product, created = Product.objects.get_or_create(
            sku=sku, defaults={"name": name, "price": Decimal(price), "stock": stock, "description": description}
        )
        if created and promotion is not None and sku in PROMOTED_SKUS:
            product.promotions.add(promotion)
        products.append(product)
    return products


def _ensure_vouchers(marketing, customers: list[Customer]) -> None:
    today = timezone.localdate()
    days = datetime.timedelta
    vouchers = [
        dict(code="HEMAT10", kind=VoucherKind.PERCENT, percent=10, max_discount=50000, scope=VoucherScope.ALL,
             valid_from=today - days(30), valid_until=today + days(60), description="Diskon 10% maksimal Rp 50.000"),
        dict(code="PRODUK50K", kind=VoucherKind.AMOUNT, amount=50000, scope=VoucherScope.PRODUCTS, min_spend=300000,
             valid_from=today - days(10), valid_until=today + days(30), usage_limit=100,
             description="Potongan Rp 50.000 untuk belanja produk minimal Rp 300.000"),
        dict(code="FACIAL15", kind=VoucherKind.PERCENT, percent=15, scope=VoucherScope.TREATMENTS,
             valid_from=today - days(5), valid_until=today + days(40), description="Diskon 15% untuk perawatan"),
        dict(code="SEKALIPAKAI", kind=VoucherKind.AMOUNT, amount=25000, scope=VoucherScope.ALL, usage_limit=1,
             valid_from=today - days(60), valid_until=today + days(30), description="Voucher sekali pakai Rp 25.000"),
        dict(code="RAMADAN20", kind=VoucherKind.PERCENT, percent=20, scope=VoucherScope.ALL,
             valid_from=today - days(120), valid_until=today - days(90), description="Diskon Ramadan (sudah berakhir)"),
        dict(code="TAHUNBARU", kind=VoucherKind.AMOUNT, amount=100000, scope=VoucherScope.TREATMENTS, min_spend=500000,
             valid_from=today + days(20), valid_until=today + days(45), description="Potongan tahun baru (belum berlaku)"),
        dict(code="ULTAH-SITI", kind=VoucherKind.PERCENT, percent=20, scope=VoucherScope.PRODUCTS, max_discount=100000,
             owner=customers[0], valid_from=today - days(3), valid_until=today + days(27), description="Voucher ulang tahun"),
        dict(code="ULTAH-DEWI", kind=VoucherKind.AMOUNT, amount=75000, scope=VoucherScope.ALL, owner=customers[1],
             valid_from=today - days(70), valid_until=today - days(40), description="Voucher ulang tahun (kedaluwarsa)"),
    ]
    for terms in vouchers:
        if not Voucher.objects.filter(code=terms["code"]).exists():
            services.issue_voucher(actor=marketing, **terms)


def draw_skin_photo(label: str, index: int) -> ImageFile:
    """Draw a small placeholder photo so the demo needs no real customer pictures."""
    tone = (224 - index * 3 % 40, 184 - index * 5 % 40, 160 - index * 7 % 40)
    picture = Image.new("RGB", (480, 360), tone)
    draw = ImageDraw.Draw(picture)
    draw.ellipse([140, 40, 340, 320], fill=tuple(min(255, channel + 18) for channel in tone), outline=(120, 80, 70), width=4)
    for spot in range(6 if label == "Sebelum" else 2):
        x, y = 190 + (spot * 37 + index * 11) % 100, 150 + (spot * 23) % 80
        draw.ellipse([x, y, x + 9, y + 9], fill=(150, 90, 80))
    draw.text((16, 16), f"{label} #{index}", fill=(60, 40, 40))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    buffer.seek(0)
    return ImageFile(buffer, name=f"demo-{label.lower()}-{index}.jpg")


def _ensure_past_records(branch, customers, staff, services_by_slug) -> None:
    if TreatmentRecord.objects.filter(branch=branch).exists() or not services_by_slug:
        return
    now = timezone.now()
    slugs = [slug for slug in SERVICE_SLUGS if slug in services_by_slug]
    practitioners = [staff[StaffRole.THERAPIST], staff[StaffRole.DOCTOR]]
    for index in range(27):
        customer = customers[(index * 7) % len(customers)]
        practitioner = practitioners[index % 2]
        performed_at = now - datetime.timedelta(days=3 + index * 6, hours=index % 5)
        record = services.create_treatment_record(
            actor=practitioner,
            customer=customer,
            branch=branch,
            service=services_by_slug[slugs[index % len(slugs)]],
            performed_at=performed_at,
            complaint=COMPLAINTS[index % len(COMPLAINTS)],
            skin_assessment=ASSESSMENTS[index % len(ASSESSMENTS)],
            treatment_performed="Pembersihan, eksfoliasi, ekstraksi komedo, masker dan serum sesuai protokol.",
            products_used="Gentle Cleanser, Serum Vitamin C, Sunscreen SPF 50",
            advice=ADVICE[index % len(ADVICE)],
            next_visit_on=timezone.localdate(performed_at) + datetime.timedelta(days=28),
        )
        if index % 4 == 0 and customer.photo_consent:
            for kind, label in ((PhotoKind.BEFORE, "Sebelum"), (PhotoKind.AFTER, "Sesudah")):
                services.add_treatment_photo(
                    actor=practitioner, record=record, kind=kind, image=draw_skin_photo(label, index), caption=label
                )
        if index in (1, 2):
            continue  # two recent drafts the practitioner has not signed yet
        services.sign_treatment_record(actor=practitioner, record=record)
        TreatmentRecord.objects.filter(pk=record.pk).update(signed_at=performed_at + datetime.timedelta(hours=1))
        if index % 5 == 0:
            services.add_addendum(
                actor=practitioner,
                record=record,
                text="Kontrol via telepon: kemerahan sudah hilang, pelanggan tidak ada keluhan.",
            )


def _ensure_orders(branch, customers, products, front_desk) -> None:
    if Order.objects.filter(branch=branch).exists():
        return
    now = timezone.now()
    regular = [product for product in products if product.sku not in PROMOTED_SKUS and product.stock >= 15]
    methods = [PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD]
    for index in range(20):
        placed_at = now - datetime.timedelta(days=8 + index * 8, hours=index % 6)
        items = [(regular[index % len(regular)].pk, 1 + index % 2)]
        if index % 3 == 0:
            items.append((regular[(index + 3) % len(regular)].pk, 1))
        order = services.place_order(
            actor=front_desk,
            customer=customers[(index * 3) % len(customers)],
            branch=branch,
            items=items,
            channel=OrderChannel.ONLINE if index % 4 == 0 else OrderChannel.IN_CLINIC,
            payment_method=methods[index % len(methods)],
            voucher_code="SEKALIPAKAI" if index == 5 else None,
        )
        if index in (7, 15):
            services.cancel_order(actor=front_desk, order=order, note="Pelanggan membatalkan")
        else:
            for status in (OrderStatus.PAID, OrderStatus.READY, OrderStatus.COMPLETED):
                services.set_order_status(actor=front_desk, order=order, status=status)
        _backdate_order(order, placed_at)
    # The past orders were placed today and renumbered, so today's numbering starts over at 1.
    OrderCounter.objects.filter(order_date=timezone.localdate(now)).update(last_number=0)

    by_sku = {product.sku: product for product in products}
    today_orders = [
        (customers[0], [(by_sku["AMZ-SER-VITC"].pk, 1), (by_sku["AMZ-SUN-50"].pk, 1)], "ULTAH-SITI", OrderChannel.ONLINE, []),
        (customers[4], [(by_sku["AMZ-MOI-CER"].pk, 2)], "HEMAT10", OrderChannel.IN_CLINIC, [OrderStatus.PAID]),
        (customers[8], [(by_sku["AMZ-NGT-RET"].pk, 1), (by_sku["AMZ-CLN-GEL"].pk, 1)], "PRODUK50K", OrderChannel.IN_CLINIC, [OrderStatus.PAID]),
        (customers[12], [(by_sku["AMZ-LIP-BLM"].pk, 2)], None, OrderChannel.IN_CLINIC, [OrderStatus.PAID, OrderStatus.READY]),
        (customers[16], [(by_sku["AMZ-ACN-SPT"].pk, 1)], None, OrderChannel.IN_CLINIC,
         [OrderStatus.PAID, OrderStatus.READY, OrderStatus.COMPLETED]),
    ]
    for customer, items, voucher_code, channel, statuses in today_orders:
        order = services.place_order(
            actor=front_desk,
            customer=customer,
            branch=branch,
            items=items,
            channel=channel,
            payment_method="" if channel == OrderChannel.ONLINE else PaymentMethod.QRIS,
            voucher_code=voucher_code,
        )
        for status in statuses:
            services.set_order_status(actor=front_desk, order=order, status=status)


def _backdate_order(order: Order, placed_at: datetime.datetime) -> None:
    # Orders of past months keep the numbering rule: the number's date is the local date placed.
    number = services.next_order_number(timezone.localdate(placed_at))
    Order.objects.filter(pk=order.pk).update(placed_at=placed_at, number=number, status_changed_at=placed_at)
    order.status_changes.update(changed_at=placed_at)
    VoucherRedemption.objects.filter(order=order).update(redeemed_at=placed_at)


def _ensure_todays_queue(branch, customers, rooms, staff, services_by_slug) -> None:
    today = timezone.localdate()
    if QueueTicket.objects.filter(branch=branch, service_date=today).exists() or not services_by_slug:
        return
    front_desk = staff[StaffRole.FRONT_DESK]
    therapist = staff[StaffRole.THERAPIST]
    doctor = staff[StaffRole.DOCTOR]
    room_by_name = {room.name: room for room in rooms}
    now = timezone.now()

    # (customer index or walk-in name, service slug, what happens, room)
    plan = [
        (20, "facial-glow-brightening", "done", "Ruang Facial 1"),
        (21, "chemical-peeling-ringan", "done", "Ruang Facial 2"),
        (22, "konsultasi-dokter", "done", "Ruang Konsultasi"),
        (23, "hydrafacial-deluxe", "in_treatment", "Ruang Facial 1"),
        (24, "laser-rejuvenation", "in_treatment", "Ruang Laser"),
        (25, "facial-acne-clear", "no_show", None),
        (26, "facial-glow-brightening", "skipped", None),
        ("Ibu Ratih", "body-scrub-spa", "cancelled", None),
        (27, "konsultasi-dokter", "called", None),
        (28, "facial-glow-brightening", "waiting", None),
        ("Bapak Surya", "konsultasi-dokter", "waiting", None),
        (29, "chemical-peeling-ringan", "waiting", None),
        (30, "facial-acne-clear", "waiting", None),
    ]
    finished = []
    for number, (visitor, slug, outcome, room_name) in enumerate(plan):
        customer = customers[visitor] if isinstance(visitor, int) else None
        ticket = services.take_queue_number(
            actor=front_desk,
            branch=branch,
            customer=customer,
            walk_in_name="" if customer else visitor,
            service=services_by_slug.get(slug),
            source=TicketSource.ONLINE if number % 3 == 0 else TicketSource.WALK_IN,
        )
        if outcome == "waiting":
            continue
        if outcome == "cancelled":
            services.set_ticket_status(actor=front_desk, ticket=ticket, status=TicketStatus.CANCELLED, note="Batal via telepon")
            continue
        ticket = services.call_next_ticket(actor=front_desk, branch=branch)
        if outcome in ("skipped", "no_show"):
            ticket = services.skip_ticket(actor=front_desk, ticket=ticket)
            if outcome == "no_show":
                services.set_ticket_status(actor=front_desk, ticket=ticket, status=TicketStatus.NO_SHOW)
            continue
        if outcome == "called":
            continue
        practitioner = doctor if slug in ("konsultasi-dokter", "laser-rejuvenation") else therapist
        ticket = services.start_treatment(actor=front_desk, ticket=ticket, room=room_by_name[room_name])
        if outcome == "in_treatment":
            continue
        if number == 0:
            services.redeem_voucher(actor=front_desk, code="FACIAL15", ticket=ticket)
        ticket = services.finish_treatment(actor=practitioner, ticket=ticket)
        if room_name != CLEANING_ROOM:
            services.set_room_status(actor=practitioner, room=room_by_name[room_name], status=RoomStatus.AVAILABLE)
        finished.append((ticket, practitioner, number))

    # Realistic lengths for today's finished treatments, so the wait estimate has an average.
    for ticket, practitioner, number in finished:
        started = now - datetime.timedelta(minutes=200 - number * 50)
        ended = started + datetime.timedelta(minutes=(ticket.service_duration_minutes or 30) + 5)
        QueueTicket.objects.filter(pk=ticket.pk).update(
            treatment_started_at=started, treatment_finished_at=min(ended, now)
        )
        record = services.create_treatment_record(
            actor=practitioner,
            customer=ticket.customer,
            ticket=ticket,
            performed_at=started,
            complaint=COMPLAINTS[number % len(COMPLAINTS)],
            skin_assessment=ASSESSMENTS[number % len(ASSESSMENTS)],
            treatment_performed="Perawatan sesuai protokol layanan, tanpa efek samping selama tindakan.",
            advice=ADVICE[number % len(ADVICE)],
        )
        if number != 2:
            services.sign_treatment_record(actor=practitioner, record=record)

    # Room board: one room still being cleaned, one out of service, the rest free or occupied.
    manager = staff[StaffRole.MANAGER]
    body_room = room_by_name["Ruang Body Care"]
    body_room.refresh_from_db()
    if body_room.status == RoomStatus.AVAILABLE:
        services.set_room_status(actor=manager, room=body_room, status=RoomStatus.OUT_OF_SERVICE)
