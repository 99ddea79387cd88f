"""A visitor's first look: Debian's Chromium opens the home page and a service page.

Playwright drives /usr/bin/chromium against pytest-django's live server at phone and desktop
sizes, checks what a visitor sees and saves full-page screenshots to artifacts/screenshots/.
Without Chromium the test is skipped, except under CI=true, where it fails.
"""

import mimetypes
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, require_chromium

pytestmark = pytest.mark.browser

HERO_TITLE = "Kulit sehat bercahaya, dirawat oleh ahlinya"
NEW_SERVICE = "Hydrafacial Deluxe"
NEW_SERVICE_PRICE = "Rp 950.000"


@pytest.fixture
def browser(chromium):
    """The launched Chromium of the shared `chromium` fixture, which seeds the demo clinic first."""
    _playwright, launched = chromium
    return launched


def serve_media(route) -> None:
    """Serve /media/ requests from MEDIA_ROOT, because the live server only serves static files."""
    relative = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    path = Path(settings.MEDIA_ROOT) / relative
    if not path.is_file():
        route.fulfill(status=404, body="")
        return
    route.fulfill(status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0] or "")


def open_page(context, url: str):
    page = context.new_page()
    page.route("**/media/**", serve_media)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    return page


def assert_fits_viewport(page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: page is {overflow}px wider than the screen"


def assert_images_loaded(page, name: str) -> None:
    broken = page.evaluate(
        """() => Array.from(document.images)
            .filter(image => image.loading !== "lazy" || image.getBoundingClientRect().top < window.innerHeight)
            .filter(image => image.complete && image.naturalWidth === 0)
            .map(image => image.src)"""
    )
    assert broken == [], f"{name}: images failed to load: {broken}"


def test_home_and_service_page(browser, live_server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size_name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="id-ID")

        home = open_page(context, live_server.url + "/")
        assert home.locator("h1").inner_text() == HERO_TITLE, size_name
        card = home.locator("article.service-card", has=home.get_by_role("link", name=NEW_SERVICE))
        card.scroll_into_view_if_needed()
        assert card.is_visible(), size_name
        # text_content, because the card's CSS shows the label in capitals.
        badge = card.locator(".badge-new")
        assert badge.is_visible(), size_name
        assert badge.text_content() == "Baru", size_name
        assert NEW_SERVICE_PRICE in card.locator(".price").inner_text(), size_name
        assert home.get_by_role("link", name="English").is_visible(), size_name
        assert_fits_viewport(home, f"home at {size_name}")
        assert_images_loaded(home, f"home at {size_name}")
        home.screenshot(path=str(SCREENSHOTS / f"home-{size_name}.png"), full_page=True)

        card.get_by_role("link", name=NEW_SERVICE).click()
        home.wait_for_load_state("load")
        service = home
        assert service.url == live_server.url + "/layanan/hydrafacial-deluxe/", size_name
        assert service.locator("h1").inner_text() == NEW_SERVICE, size_name
        assert service.locator("dd.price").inner_text() == NEW_SERVICE_PRICE, size_name
        badge = service.locator(".service-detail .badge-new").first
        assert badge.is_visible(), size_name
        assert badge.text_content() == "Baru", size_name
        assert service.get_by_text("60 menit").first.is_visible(), size_name
        assert_fits_viewport(service, f"service page at {size_name}")
        assert_images_loaded(service, f"service page at {size_name}")
        service.screenshot(path=str(SCREENSHOTS / f"service-{size_name}.png"), full_page=True)

        listing = open_page(context, live_server.url + "/layanan/")
        assert listing.locator("article.service-card").count() == 12, size_name
        assert_fits_viewport(listing, f"service list at {size_name}")
        listing.screenshot(path=str(SCREENSHOTS / f"services-{size_name}.png"), full_page=True)

        context.close()


def test_missing_chromium_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr("tests.browser.conftest.CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        require_chromium()


def test_missing_chromium_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr("tests.browser.conftest.CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="cannot run in CI"):
        require_chromium()
