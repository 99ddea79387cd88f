"""Shared set-up of the Chromium tests: the demo clinic in the live server's database, a browser.

pytest-django's live server needs transactional tests, which flush the database afterwards, so
each browser test seeds the demo clinic itself (the first one finds the session's seed).
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1366, "height": 900},
}
DEMO_ADMIN_PASSWORD = "browser-test-password"


def require_chromium() -> None:
    """Skip without Chromium or Playwright, except under CI=true, where the test fails."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if missing is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Browser test cannot run in CI: {missing}")
    pytest.skip(missing)


def restore_wagtail_tree() -> None:
    """Recreate the rows Wagtail's data migrations add, which a transactional test's flush removes."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def demo_clinic(transactional_db):
    """Seed the demo clinic into the database the live server reads, with no cached pages left."""
    restore_wagtail_tree()
    call_command("seed_demo", admin_password=DEMO_ADMIN_PASSWORD, stdout=io.StringIO())
    cache.clear()


@pytest.fixture
def chromium(demo_clinic):
    """Start Debian's Chromium after the seeding, because Django rejects ORM calls in a thread
    where Playwright's event loop runs. Tests then talk to the live server only."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield playwright, browser
    browser.close()
    playwright.stop()
