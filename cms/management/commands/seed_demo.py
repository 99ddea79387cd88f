"""Create the demo clinic Amaze Skin Care; running it again changes nothing already there."""

import datetime
import importlib
import logging
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.demo_images import draw_picture
from cms.models import (
    HomeHighlightedService,
    HomePage,
    OpeningHoursPage,
    OpeningHoursSettings,
    PromotionIndexPage,
    PromotionPage,
    ServiceGalleryImage,
    ServiceIndexPage,
    ServicePage,
    SpecialDay,
    Testimonial,
    TestimonialIndexPage,
    WeeklyOpeningHours,
)

logger = logging.getLogger(__name__)

# (slug, title, category, price, price_max, is_from, minutes, launched days ago, summary)
SERVICES = [
    ("facial-glow-brightening", "Facial Glow Brightening", "facial", 350000, None, False, 60, 400,
     "Facial pencerah dengan pembersihan mendalam, eksfoliasi lembut dan masker vitamin C."),
    ("facial-acne-clear", "Facial Acne Clear", "acne", 300000, None, False, 75, 300,
     "Pembersihan komedo dan jerawat meradang dengan perawatan antibakteri untuk kulit berjerawat."),
    ("hydrafacial-deluxe", "Hydrafacial Deluxe", "facial", 950000, None, False, 60, 20,
     "Pembersihan, ekstraksi dan hidrasi serum dengan alat vakum untuk kulit segar seketika."),
    ("chemical-peeling-ringan", "Chemical Peeling Ringan", "peeling", 450000, None, False, 45, 500,
     "Peeling AHA/BHA dosis ringan untuk meratakan warna kulit dan menyamarkan bekas jerawat."),
    ("peeling-tca-medium", "Peeling TCA Medium", "peeling", 1250000, None, False, 60, 250,
     "Peeling kedalaman sedang oleh dokter untuk flek dan tekstur kulit kasar."),
    ("laser-rejuvenation", "Laser Rejuvenation", "laser", 1500000, 2500000, False, 45, 360,
     "Laser Nd:YAG untuk meremajakan kulit, mengecilkan pori dan meratakan warna."),
    ("laser-pigmentasi", "Laser Pigmentasi", "laser", 1750000, None, True, 40, 200,
     "Laser Q-switched untuk flek, melasma dan noda hitam; harga akhir setelah konsultasi dokter."),
    ("botox-kerutan", "Botox Kerutan Dahi", "injection", 2500000, None, True, 30, 420,
     "Injeksi botulinum toxin untuk kerutan dahi dan garis senyum oleh dokter bersertifikat."),
    ("filler-hyaluronic", "Filler Hyaluronic Acid", "injection", 4500000, 6500000, False, 45, 150,
     "Filler asam hialuronat untuk hidung, dagu atau bibir sesuai hasil konsultasi."),
    ("body-slimming-rf", "Body Slimming RF", "body", 800000, None, False, 60, 280,
     "Radiofrekuensi untuk mengencangkan kulit perut, lengan dan paha."),
    ("body-scrub-spa", "Body Scrub dan Spa", "body", 400000, None, False, 90, 600,
     "Lulur tradisional, pijat relaksasi dan masker tubuh untuk kulit halus."),
    ("konsultasi-dokter", "Konsultasi Dokter Kulit", "consultation", 150000, None, False, 20, 700,
     "Pemeriksaan kulit dan rencana perawatan bersama dokter spesialis."),
]

TESTIMONIALS = [
    ("R. A.", 5, "Kulit terasa jauh lebih cerah setelah dua kali Facial Glow. Terapisnya ramah sekali.", "facial-glow-brightening", True),
    ("Dewi S.", 5, "Jerawat saya berkurang banyak dalam sebulan. Dokternya sabar menjelaskan.", "facial-acne-clear", True),
    ("M. F.", 4, "Hydrafacial-nya nyaman, hasilnya langsung kelihatan. Antreannya agak lama.", "hydrafacial-deluxe", True),
    ("Sari", 5, "Flek di pipi memudar setelah tiga sesi laser. Sangat direkomendasikan.", "laser-pigmentasi", True),
    ("A. P.", 4, "Peeling ringan tanpa rasa perih berlebihan, kulit jadi halus.", "chemical-peeling-ringan", True),
    ("Putri W.", 5, "Hasil botox natural, tidak kaku. Terima kasih Amaze!", "botox-kerutan", True),
    ("Rina K.", 5, "Body scrub-nya bikin rileks, tempatnya bersih dan wangi.", "body-scrub-spa", True),
    ("Bayu", 4, "Konsultasi jelas dan tidak dipaksa membeli paket.", "konsultasi-dokter", True),
    ("N. H.", 5, "Pelayanan cepat, hasil filler sesuai harapan.", "filler-hyaluronic", False),
]


class Command(BaseCommand):
    help = "Create the demo clinic Amaze Skin Care (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument("--admin-password", default=None, help="Password for the admin user; random when not set.")

    @transaction.atomic
    def handle(self, *args, **options):
        logger.info("Seeding the demo clinic")
        today = timezone.localdate()
        images = DemoImages()
        home = self.ensure_home(images)
        services = self.ensure_services(home, images, today)
        self.ensure_highlights(home, services)
        self.ensure_promotions(home, services, images, today)
        self.ensure_testimonials(home, services)
        self.ensure_opening_hours(home, today)
        self.ensure_simple_page(home, OpeningHoursPage, "jam-buka", "Jam Buka", "Jadwal buka klinik minggu ini, termasuk hari libur.")
        self.translate_wagtail_defaults()
        self.ensure_admin(options["admin_password"])
        self.seed_crm()

    def ensure_home(self, images) -> HomePage:
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        home = HomePage(
            title="Beranda",
            slug="beranda",
            hero_title="Kulit sehat bercahaya, dirawat oleh ahlinya",
            hero_text="Klinik perawatan kulit dengan dokter dan terapis bersertifikat di Jakarta Selatan. Facial, peeling, laser dan injeksi dengan harga jelas.",
            hero_image=images.get("Amaze Skin Care", 0),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        old_default = Site.objects.filter(is_default_site=True).first()
        if old_default is not None:
            welcome = old_default.root_page
            old_default.root_page = home
            old_default.site_name = "Amaze Skin Care"
            old_default.save()
            if welcome.pk != home.pk and welcome.specific_class is Page:
                welcome.delete()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Amaze Skin Care")
        return home

    def ensure_services(self, home, images, today) -> dict[str, ServicePage]:
        index = ServiceIndexPage.objects.first()
        if index is None:
            index = ServiceIndexPage(title="Layanan", slug="layanan", show_in_menus=True, intro="Semua perawatan kulit dan tubuh di Amaze Skin Care.")
            home.add_child(instance=index)
            index.save_revision().publish()
        services = {}
        for number, (slug, title, category, price, price_max, is_from, minutes, days_ago, summary) in enumerate(SERVICES):
            existing = ServicePage.objects.filter(slug=slug).first()
            if existing is not None:
                services[slug] = existing
                continue
            page = ServicePage(
                title=title,
                slug=slug,
                summary=summary,
                category=category,
                price=Decimal(price),
                price_max=Decimal(price_max) if price_max else None,
                price_is_from=is_from,
                duration_minutes=minutes,
                launch_date=today - datetime.timedelta(days=days_ago),
                main_image=images.get(title, number),
                body=[
                    ("heading", "Untuk siapa perawatan ini?"),
                    ("paragraph", f"<p>{summary} Cocok untuk semua jenis kulit setelah pemeriksaan singkat oleh terapis kami.</p>"),
                    ("heading", "Yang perlu disiapkan"),
                    ("paragraph", "<ul><li>Datang tanpa riasan wajah</li><li>Hindari paparan matahari langsung 2 hari setelah perawatan</li></ul>"),
                    ("faq", {"question": "Apakah terasa sakit?", "answer": "<p>Sebagian besar pelanggan hanya merasakan sensasi hangat atau geli ringan.</p>"}),
                ],
            )
            page.gallery_images = [ServiceGalleryImage(image=images.get(f"{title} {n}", number + n), caption=f"Suasana ruang perawatan {n}") for n in (1, 2)]
            index.add_child(instance=page)
            page.save_revision().publish()
            services[slug] = page
        return services

    def ensure_highlights(self, home, services):
        if home.highlighted_services.exists():
            return
        for order, slug in enumerate(["hydrafacial-deluxe", "facial-glow-brightening", "laser-rejuvenation"]):
            HomeHighlightedService.objects.create(page=home, service=services[slug], sort_order=order)

    def ensure_promotions(self, home, services, images, today):
        index = PromotionIndexPage.objects.first()
        if index is None:
            index = PromotionIndexPage(title="Promo", slug="promo", show_in_menus=True, intro="Diskon musiman untuk perawatan pilihan.")
            home.add_child(instance=index)
            index.save_revision().publish()
        promotions = [
            ("promo-akhir-tahun", "Promo Akhir Tahun", "Diskon 20% untuk facial dan peeling sampai akhir bulan.", -5, 25, "percent", Decimal("20"), None, False, ["facial-glow-brightening", "hydrafacial-deluxe", "chemical-peeling-ringan"]),
            ("promo-imlek", "Promo Imlek", "Potongan Rp 250.000 untuk semua perawatan laser.", 40, 60, "amount", None, Decimal("250000"), False, ["laser-rejuvenation", "laser-pigmentasi"]),
            ("promo-kemerdekaan", "Promo Kemerdekaan", "Diskon 17% untuk semua perawatan di bulan Agustus.", -120, -100, "percent", Decimal("17"), None, True, []),
        ]
        for number, (slug, title, summary, start, end, kind, percent, amount, to_all, service_slugs) in enumerate(promotions):
            if PromotionPage.objects.filter(slug=slug).exists():
                continue
            page = PromotionPage(
                title=title,
                slug=slug,
                summary=summary,
                start_date=today + datetime.timedelta(days=start),
                end_date=today + datetime.timedelta(days=end),
                discount_kind=kind,
                discount_percent=percent,
                discount_amount=amount,
                applies_to_all_services=to_all,
                banner_image=images.get(title, number + 2),
                terms="<ul><li>Berlaku di semua cabang Amaze Skin Care.</li><li>Tidak dapat digabung dengan voucher lain kecuali disebutkan.</li></ul>",
            )
            page.services = [services[service_slug] for service_slug in service_slugs]
            index.add_child(instance=page)
            page.save_revision().publish()

    def ensure_testimonials(self, home, services):
        self.ensure_simple_page(home, TestimonialIndexPage, "testimoni", "Testimoni", "Cerita pelanggan tentang perawatan mereka di Amaze.")
        if Testimonial.objects.exists():
            return
        for display_name, rating, text, service_slug, published in TESTIMONIALS:
            testimonial = Testimonial(display_name=display_name, rating=rating, text=text, service=services[service_slug], consent_to_publish=True, live=False)
            testimonial.save()
            revision = testimonial.save_revision()
            if published:
                revision.publish()

    def ensure_simple_page(self, home, model, slug, title, intro):
        if model.objects.exists():
            return
        page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()

    def ensure_opening_hours(self, home, today):
        site = Site.objects.get(is_default_site=True)
        hours = OpeningHoursSettings.for_site(site)
        if not hours.weekly_hours.exists():
            for weekday in range(6):
                WeeklyOpeningHours.objects.create(settings=hours, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(20), sort_order=weekday)
            WeeklyOpeningHours.objects.create(settings=hours, weekday=6, opens_at=datetime.time(10), closes_at=datetime.time(16), sort_order=6)
        if not hours.special_days.exists():
            SpecialDay.objects.create(settings=hours, date=today + datetime.timedelta(days=10), closed=True, reason="Pelatihan staf tahunan")
            SpecialDay.objects.create(settings=hours, date=today + datetime.timedelta(days=17), closed=False, opens_at=datetime.time(12), closes_at=datetime.time(18), reason="Buka siang karena acara klinik")

    def translate_wagtail_defaults(self):
        """Rename the groups and workflow that Wagtail's migrations create with English names."""
        from django.contrib.auth.models import Group
        from wagtail.models import Task, Workflow

        for english, indonesian in [("Moderators", "Moderator"), ("Editors", "Editor")]:
            Group.objects.filter(name=english).update(name=indonesian)
        Workflow.objects.filter(name="Moderators approval").update(name="Persetujuan moderator")
        Task.objects.filter(name="Moderators approval").update(name="Persetujuan moderator")

    def ensure_admin(self, password):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Admin login: username admin (already created; password unchanged).")
            return
        password = password or secrets.token_urlsafe(9)
        User.objects.create_superuser("admin", "admin@amaze.example", password)
        self.stdout.write(self.style.SUCCESS(f"Admin login: http://127.0.0.1:8000/admin/  username admin  password {password}"))

    def seed_crm(self):
        try:
            crm_demo = importlib.import_module("crm.demo")
        except ModuleNotFoundError:
            return
        crm_demo.seed(stdout=self.stdout, style=self.style)


class DemoImages:
    """Create each demo picture once, keyed by its label."""

    def __init__(self):
        self.model = get_image_model()

    def get(self, label: str, index: int):
        title = f"Demo: {label}"
        image = self.model.objects.filter(title=title).first()
        if image is None:
            image = self.model(title=title, file=draw_picture(label, index))
            image.save()
        return image
