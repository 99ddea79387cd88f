"""The public site: every page renders its named operation's data through the site templates."""

import datetime
import re
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from cms.models import ServiceIndexPage, ServicePage

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def get_html(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def visible_text(html: str) -> str:
    """Return the page text without tags and with whitespace collapsed, as a visitor reads it."""
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text)


def card_of(html: str, name: str) -> str:
    """Return the HTML of the service card whose link text is `name`."""
    cards = re.findall(r'<article class="card service-card">.*?</article>', html, flags=re.S)
    matches = [card for card in cards if f">{name}</a>" in card]
    assert len(matches) == 1, name
    return matches[0]


# --- pages in Indonesian -----------------------------------------------------------------------


def test_home_page(client):
    html = get_html(client, "/")
    text = visible_text(html)

    assert '<html lang="id">' in html
    assert "<h1>Kulit sehat bercahaya, dirawat oleh ahlinya</h1>" in html
    assert "Perawatan unggulan" in text
    assert "Promo yang sedang berlangsung" in text
    assert "Promo Akhir Tahun" in text
    assert "Hemat 20%" in text
    assert "Kata pelanggan kami" in text
    assert "Hari ini" in text
    assert "Langsung ke konten" in text
    assert 'hreflang="en"' in html


def test_home_highlights_new_service(client):
    html = get_html(client, "/")

    hydrafacial = card_of(html, "Hydrafacial Deluxe")
    assert '<span class="badge-new">Baru</span>' in hydrafacial
    assert "Rp 950.000" in hydrafacial
    assert "60 menit" in hydrafacial
    assert "badge-new" not in card_of(html, "Facial Glow Brightening")


def test_home_lists_three_latest_reviews(client):
    html = get_html(client, "/")

    assert html.count('<figure class="card testimonial">') == 3


def test_home_images_have_alt_text(client):
    html = get_html(client, "/")

    images = re.findall(r"<img [^>]*>", html)
    assert images
    for image in images:
        assert re.search(r'alt="[^"]+"', image), image


def test_service_list(client):
    html = get_html(client, "/layanan/")
    text = visible_text(html)

    assert "<h1>Layanan</h1>" in html
    assert html.count('<article class="card service-card">') == 12
    assert "Konsultasi Dokter Kulit" in text
    assert "Rp 1.500.000 – Rp 2.500.000" in text
    assert "Mulai Rp 1.750.000" in text
    assert '<a href="?" aria-current="true">Semua</a>' in html


def test_service_list_filtered_by_category(client):
    html = get_html(client, "/layanan/?kategori=laser")

    names = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    assert names == ["Laser Pigmentasi", "Laser Rejuvenation"]
    assert '<a href="?kategori=laser" aria-current="true">Laser</a>' in html
    assert '<a href="?" aria-current="true">' not in html


def test_service_list_unknown_category_shows_all(client):
    html = get_html(client, "/layanan/?kategori=pijat")

    assert html.count('<article class="card service-card">') == 12


def test_service_list_empty_category(client):
    ServicePage.objects.filter(category="body").update(category="facial")

    html = get_html(client, "/layanan/?kategori=body")

    assert "service-card" not in html
    assert "Belum ada perawatan dalam kategori ini." in visible_text(html)


def test_service_detail(client):
    html = get_html(client, "/layanan/hydrafacial-deluxe/")
    text = visible_text(html)

    assert "<h1>Hydrafacial Deluxe</h1>" in html
    assert "<title>Hydrafacial Deluxe · Amaze Skin Care</title>" in html
    assert '<span class="badge-new">Baru</span>' in html
    assert '<dd class="price">Rp 950.000</dd>' in html
    assert "60 menit" in text
    assert "Untuk siapa perawatan ini?" in text
    assert "Apakah terasa sakit?" in text
    assert "Promo Akhir Tahun" in text
    assert "M. F." in text
    assert "Galeri" in text
    assert html.count('class="gallery"') == 1


def test_service_detail_range_and_starting_price(client):
    assert '<dd class="price">Rp 1.500.000 – Rp 2.500.000</dd>' in get_html(client, "/layanan/laser-rejuvenation/")
    assert '<dd class="price">Mulai Rp 1.750.000</dd>' in get_html(client, "/layanan/laser-pigmentasi/")


def test_old_service_has_no_new_badge(client):
    assert "badge-new" not in get_html(client, "/layanan/body-scrub-spa/")


def test_promotion_list(client):
    text = visible_text(get_html(client, "/promo/"))

    assert "Promo Akhir Tahun" in text
    assert "Sedang berlangsung" in text
    assert "Promo Imlek" in text
    assert "Segera hadir" in text
    assert "Hemat Rp 250.000" in text
    assert "Promo Kemerdekaan" not in text


def test_promotion_detail(client):
    html = get_html(client, "/promo/promo-akhir-tahun/")
    text = visible_text(html)

    assert "<h1>Promo Akhir Tahun</h1>" in html
    assert "Hemat 20%" in text
    assert "Hydrafacial Deluxe — Rp 950.000" in text
    assert "Berlaku di semua cabang Amaze Skin Care." in text


def test_past_promotion_is_not_found(client):
    html = get_html(client, "/promo/promo-kemerdekaan/", status=404)

    assert "Halaman tidak ditemukan" in html


def test_testimonial_list(client):
    html = get_html(client, "/testimoni/")
    text = visible_text(html)

    assert html.count('<figure class="card testimonial">') == 8
    assert "Dewi S." in text
    assert "N. H." not in text
    assert 'aria-label="Rating 5 dari 5">★★★★★</p>' in html


def test_opening_hours_page_on_christmas(client):
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 24, 12, tzinfo=JAKARTA)):
        html = get_html(client, "/jam-buka/")
    text = visible_text(html)

    assert "<h1>Jam Buka</h1>" in html
    assert "Tujuh hari ke depan" in text
    assert "Kamis, 24 Desember 2026" in text
    assert "09.00–20.00" in text
    assert "Jumat, 25 Desember 2026 Tutup Hari Raya Natal" in text
    assert "Minggu, 27 Desember 2026 10.00–16.00" in text
    assert "Buka sekarang" in text


def test_footer_shows_next_opening_when_closed(client):
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 24, 21, tzinfo=JAKARTA)):
        text = visible_text(get_html(client, "/"))

    assert "Sedang tutup" in text
    assert "26 Desember 2026, 09.00" in text


# --- English ------------------------------------------------------------------------------------


def test_english_home_page(client):
    html = get_html(client, "/en/")
    text = visible_text(html)

    assert '<html lang="en">' in html
    assert "Featured treatments" in text
    assert "Skip to content" in text
    assert "60 minutes" in text
    assert '<span class="badge-new">New</span>' in html
    assert 'href="/" lang="id" hreflang="id">Bahasa Indonesia</a>' in html


def test_english_service_links_stay_english(client):
    html = get_html(client, "/en/layanan/")

    assert 'href="/en/layanan/hydrafacial-deluxe/"' in html
    assert "From Rp 1.750.000" in visible_text(html)


def test_english_opening_hours(client):
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 24, 12, tzinfo=JAKARTA)):
        text = visible_text(get_html(client, "/en/jam-buka/"))

    assert "Friday, 25 December 2026 Closed Christmas Day" in text
    assert "09:00–20:00" in text


def test_language_switch_keeps_path_and_query(client):
    html = get_html(client, "/layanan/?kategori=laser")

    assert 'href="/en/layanan/?kategori=laser" lang="en"' in html


# --- not found ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/tidak-ada/", "/layanan/tidak-ada/", "/promo/tidak-ada/"])
def test_unknown_slug_renders_site_404(client, path):
    html = get_html(client, path, status=404)
    text = visible_text(html)

    assert '<html lang="id">' in html
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    assert "Amaze Skin Care" in text
    assert 'href="/layanan/"' in html  # the site menu is there
    assert "Traceback" not in html


def test_unknown_slug_in_english(client):
    html = get_html(client, "/en/tidak-ada/", status=404)

    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html


# --- templates read only operation data ---------------------------------------------------------


def served_response(path: str):
    """Return the unrendered response of the Wagtail page at `path`, as its serve() builds it."""
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    page = Page.find_for_request(request, path).specific
    return page.serve(request)


@pytest.mark.parametrize(
    "path",
    ["/", "/layanan/", "/layanan/hydrafacial-deluxe/", "/promo/", "/promo/promo-akhir-tahun/", "/testimoni/", "/jam-buka/"],
)
def test_templates_run_no_queries(path):
    with translation.override("id"):
        response = served_response(path)
        with CaptureQueriesContext(connection) as captured:
            response.render()

    assert response.status_code == 200
    assert captured.captured_queries == []


def add_services(count: int):
    index = ServiceIndexPage.objects.get()
    for number in range(count):
        page = ServicePage(
            title=f"Perawatan Tambahan {number:02d}",
            slug=f"perawatan-tambahan-{number:02d}",
            summary="Perawatan tambahan.",
            category="body",
            price=Decimal("100000"),
            duration_minutes=30,
            launch_date=timezone.localdate(),
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def count_page_queries(client, path: str) -> int:
    client.get(path)  # renders missing renditions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_service_list_page_query_count_is_constant(client):
    before = count_page_queries(client, "/layanan/")

    add_services(12)
    after = count_page_queries(client, "/layanan/")

    assert get_html(client, "/layanan/").count('<article class="card service-card">') == 24
    assert after == before


# --- Wagtail preview ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_preview_of_draft_edit_uses_site_template(admin_client):
    service = ServicePage.objects.get(slug="hydrafacial-deluxe")
    edit_url = f"/admin/pages/{service.pk}/edit/"
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("heading", "Judul pratinjau")])}))
    data["title"] = "Hydrafacial Pratinjau"
    data["price"] = "990000"

    posted = admin_client.post(f"{edit_url}preview/", data)
    assert posted.json()["is_valid"] is True
    html = get_html(admin_client, f"{edit_url}preview/")
    text = visible_text(html)

    assert "<h1>Hydrafacial Pratinjau</h1>" in html
    assert '<dd class="price">Rp 990.000</dd>' in html
    assert "Judul pratinjau" in text
    assert "Pratinjau: versi ini belum diterbitkan." in text
    assert 'class="site-header"' in html
    # The live page is unchanged.
    assert "<h1>Hydrafacial Deluxe</h1>" in get_html(admin_client, "/layanan/hydrafacial-deluxe/")


def test_preview_of_new_page_uses_site_template(admin_client):
    index = ServiceIndexPage.objects.get()
    add_url = f"/admin/pages/add/cms/servicepage/{index.pk}/"
    data = querydict_from_html(admin_client.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("heading", "Perawatan baru")])}))
    data.update(
        {
            "title": "Facial Belum Terbit",
            "slug": "facial-belum-terbit",
            "summary": "Perawatan yang belum terbit.",
            "category": "facial",
            "price": "420000",
            "duration_minutes": "50",
            "launch_date": timezone.localdate().isoformat(),
        }
    )

    posted = admin_client.post(f"{add_url}preview/", data)
    assert posted.json()["is_valid"] is True
    html = get_html(admin_client, f"{add_url}preview/")

    assert "<h1>Facial Belum Terbit</h1>" in html
    assert '<span class="badge-new">Baru</span>' in html
    assert "Pratinjau: versi ini belum diterbitkan." in visible_text(html)
    assert not ServicePage.objects.filter(slug="facial-belum-terbit").exists()


def test_serve_preview_of_saved_draft(admin_client):
    service = ServicePage.objects.get(slug="peeling-tca-medium")
    service.title = "Peeling Draf"
    service.save_revision()
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="admin")

    with translation.override("id"):
        response = draft.serve_preview(request, draft.default_preview_mode)
        response.render()

    assert "<h1>Peeling Draf</h1>" in response.content.decode()
    assert "<h1>Peeling TCA Medium</h1>" in get_html(admin_client, "/layanan/peeling-tca-medium/")
