"""Customers in a real browser: register, shop with a promotion and a voucher, keep to their own data.

Debian's Chromium (Playwright) drives pytest-django's live server. Amounts the browser shows are
compared with what the server computed (crm.services.quote_order and the saved Order). Full-page
screenshots of every account and shop page, at phone and desktop width in Indonesian and
English, go to artifacts/screenshots/ (not committed).
"""

import concurrent.futures
import re
from urllib.parse import unquote

import pytest
from django.utils import translation

from common.money import format_rupiah
from crm.errors import CrmError
from crm.schema.access import global_id
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from tests.browser.test_smoke import (  # noqa: F401 (browser is a fixture)
    assert_fits_viewport,
    assert_images_loaded,
    browser,
    serve_media,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-password"
PROMOTED_SKU = "AMZ-SER-VITC"  # in the demo's running "Promo Akhir Tahun"
REGULAR_SKU = "AMZ-CLN-GEL"
PROMOTION_TITLE = "Promo Akhir Tahun"
VOUCHER = "HEMAT10"
WRONG_VOUCHER = "SALAH123"


def off_loop(function, *args):
    """Run ORM code in a worker thread: Django refuses it where Playwright's event loop runs."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def new_page(context):
    page = context.new_page()
    page.route("**/media/**", serve_media)
    return page


def visit(page, url: str, status: int = 200):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == status, (url, response and response.status)
    return response


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def voucher_not_found_message(language: str) -> str:
    with translation.override(language):
        return CrmError("voucher_not_found", field="voucher_code", code=WRONG_VOUCHER).message


@pytest.fixture
def shop_products(demo_clinic):  # noqa: F811
    from crm.models import Product

    return {sku: Product.objects.get(sku=sku) for sku in (PROMOTED_SKU, REGULAR_SKU)}


def expected_quote(email: str, lines, voucher_code: str | None):
    from crm import services
    from crm.models import Customer

    customer = Customer.objects.get(email=email)
    return services.quote_order(customer=customer, items=lines, voucher_code=voucher_code).quote


def saved_order(email: str):
    from crm.models import Order

    return Order.objects.select_related("customer").get(customer__email=email)


def test_register_order_with_promotion_and_voucher(shop_products, browser, live_server):  # noqa: F811
    from playwright.sync_api import expect

    base = live_server.url
    serum, cleanser = shop_products[PROMOTED_SKU], shop_products[REGULAR_SKU]
    email = "rina.browser@example.com"
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="id-ID")
    page = new_page(context)

    # Register; the site signs the new customer in and opens the account.
    visit(page, base + "/akun/daftar/")
    page.get_by_label("Nama lengkap").fill("Rina Browser")
    page.locator("#id_phone").fill("0812 7777 0001")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_url(base + "/akun/")
    expect(page.locator("h1")).to_have_text("Halo, Rina Browser")

    # Two products in the cart, one of them in the running promotion.
    visit(page, base + "/toko/")
    page.locator(f'[data-product-id="{global_id("Product", serum.pk)}"]').click()
    page.locator(f'[data-product-id="{global_id("Product", cleanser.pk)}"]').click()
    page.locator(f'[data-product-id="{global_id("Product", cleanser.pk)}"]').click()
    expect(page.locator("[data-cart-count]")).to_have_text("3")
    expect(page.locator("[data-cart-status]")).to_contain_text(cleanser.name)

    page.get_by_role("link", name=re.compile("Keranjang")).click()
    page.wait_for_url(base + "/toko/keranjang/")
    lines = [(serum.pk, 1), (cleanser.pk, 2)]
    plain = off_loop(expected_quote, email, lines, None)
    expect(page.locator('[data-quote="total"]')).to_have_text(format_rupiah(plain.total))
    serum_row = page.locator(f'tr[data-line="{global_id("Product", serum.pk)}"]')
    expect(serum_row.locator(".line-promo")).to_contain_text(PROMOTION_TITLE)
    expect(page.locator(f'tr[data-line="{global_id("Product", cleanser.pk)}"] .line-promo')).to_be_hidden()
    shot(page, "journey-cart-desktop-id")

    page.get_by_role("button", name="Lanjut ke checkout").click()
    page.wait_for_url(re.compile(r"/toko/checkout/\?item="))
    expect(page.locator("tbody tr").first).to_contain_text(PROMOTION_TITLE)
    expect(page.locator('[data-quote="promotionDiscount"]')).to_have_text("−" + format_rupiah(plain.promotion_discount))

    # A wrong code: the API's message in Indonesian, next to the field, without leaving the page.
    checkout_url = page.url
    page.get_by_label("Kode voucher").fill(WRONG_VOUCHER)
    page.get_by_role("button", name="Pakai voucher").click()
    error = page.locator("#id_voucher_code_error")
    expect(error).to_have_text(voucher_not_found_message("id"))
    expect(page.get_by_label("Kode voucher")).to_have_attribute("aria-invalid", "true")
    assert page.url == checkout_url
    shot(page, "journey-checkout-wrong-voucher-desktop-id")

    # The right code, typed in lower case: totals change in place to the server's quote.
    with_voucher = off_loop(expected_quote, email, lines, VOUCHER)
    assert with_voucher.voucher_discount > 0 and with_voucher.promotion_discount > 0
    page.get_by_label("Kode voucher").fill(VOUCHER.lower())
    page.get_by_role("button", name="Pakai voucher").click()
    expect(page.locator('[data-quote="total"]')).to_have_text(format_rupiah(with_voucher.total))
    expect(page.locator('[data-quote="voucherDiscount"]')).to_have_text("−" + format_rupiah(with_voucher.voucher_discount))
    expect(error).to_have_count(0)
    expect(page.locator("[data-voucher-ok]")).to_contain_text(VOUCHER)

    page.get_by_role("button", name="Buat pesanan").click()
    page.wait_for_url(re.compile(r"/toko/pesanan/[^/]+/selesai/$"))
    order = off_loop(saved_order, email)
    assert (order.subtotal, order.promotion_discount, order.voucher_discount, order.total) == (
        with_voucher.subtotal,
        with_voucher.promotion_discount,
        with_voucher.voucher_discount,
        with_voucher.total,
    )
    confirmation = {
        name: page.locator(f'[data-testid="{name}"]').inner_text()
        for name in ("subtotal", "promotion-discount", "voucher-discount", "total")
    }
    assert confirmation == {
        "subtotal": format_rupiah(order.subtotal),
        "promotion-discount": "−" + format_rupiah(order.promotion_discount),
        "voucher-discount": "−" + format_rupiah(order.voucher_discount),
        "total": format_rupiah(order.total),
    }
    expect(page.locator("main")).to_contain_text(order.number)
    shot(page, "journey-confirmation-desktop-id")

    # The placed order empties the cart.
    visit(page, base + "/toko/")
    expect(page.locator("[data-cart-count]")).to_have_text("0")

    # Order history shows the same amounts.
    visit(page, base + "/akun/pesanan/")
    card = page.locator(f'article[data-order="{order.number}"]')
    expect(card.locator('[data-testid="total"]')).to_have_text(format_rupiah(order.total))
    expect(card).to_contain_text("−" + format_rupiah(order.voucher_discount))
    expect(card).to_contain_text("−" + format_rupiah(order.promotion_discount))
    expect(page.locator("h1")).to_have_text("Pesanan saya")

    # Switching to English changes the texts, on the same page.
    page.get_by_role("link", name="English").click()
    page.wait_for_url(base + "/en/akun/pesanan/")
    expect(page.locator("h1")).to_have_text("My orders")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="My account")).to_contain_text("Vouchers")

    # And the voucher message comes in English too.
    visit(page, base + f"/en/toko/checkout/?item={global_id('Product', cleanser.pk)}:1")
    page.get_by_label("Voucher code").fill(WRONG_VOUCHER)
    page.get_by_role("button", name="Apply voucher").click()
    expect(page.locator("#id_voucher_code_error")).to_have_text(voucher_not_found_message("en"))
    context.close()


@pytest.fixture
def two_customers(demo_clinic):  # noqa: F811
    """Two demo customers with signed records (with photos) and orders, each with an online login."""
    from django.contrib.auth import get_user_model

    from crm.models import Customer

    with_history = Customer.objects.filter(
        user__isnull=True, treatment_records__signed_at__isnull=False, orders__isnull=False
    ).distinct()
    first = with_history.filter(treatment_records__photos__isnull=False).order_by("pk").first()
    second = with_history.exclude(pk=getattr(first, "pk", None)).order_by("pk").first()
    candidates = [first, second]
    assert None not in candidates, "the demo seed has customers with records, photos and orders"
    people = {}
    for name, customer in zip(("a", "b"), candidates):
        user = get_user_model().objects.create_user(f"browser-{name}", f"browser-{name}@example.com", PASSWORD)
        customer.user = user
        customer.save(update_fields=["user"])
        records = customer.treatment_records.filter(signed_at__isnull=False)
        record = records.filter(photos__isnull=False).first() or records.first()
        order = customer.orders.order_by("pk").first()
        people[name] = {
            "username": user.username,
            "record_id": global_id("TreatmentRecord", record.pk),
            "has_photos": record.photos.exists(),
            "order_id": global_id("Order", order.pk),
            "order_number": order.number,
        }
    return people


def sign_in_through_form(page, base: str, username: str, button: str) -> None:
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=button).click()


def test_customer_cannot_open_another_customers_pages(two_customers, browser, live_server):  # noqa: F811
    from playwright.sync_api import expect

    base = live_server.url
    a, b = two_customers["a"], two_customers["b"]
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="id-ID")
    page = new_page(context)

    # Signed out, B's order URL leads to sign-in and, once A is signed in, back to that URL: not found.
    foreign_order = f"/akun/pesanan/{b['order_id']}/"
    visit(page, base + foreign_order)
    assert page.url.startswith(base + "/akun/masuk/?next=")
    expect(page.locator(".notice")).to_be_visible()
    with page.expect_navigation() as navigation:
        sign_in_through_form(page, base, a["username"], "Masuk")
    assert navigation.value.status == 404
    assert unquote(page.url) == base + foreign_order
    expect(page.locator("main")).not_to_contain_text(b["order_number"])

    for path in (f"/akun/perawatan/{b['record_id']}/", f"/toko/pesanan/{b['order_id']}/selesai/"):
        visit(page, base + path, status=404)

    # A's own pages open, photos included.
    visit(page, base + f"/akun/pesanan/{a['order_id']}/")
    expect(page.locator("h1")).to_contain_text(a["order_number"])
    visit(page, base + f"/akun/perawatan/{a['record_id']}/")
    assert a["has_photos"]
    if a["has_photos"]:
        expect(page.locator(".gallery img").first).to_be_visible()
        assert_images_loaded(page, "own treatment record")
        alt = page.locator(".gallery img").first.get_attribute("alt")
        assert alt and len(alt) > 10
    context.close()


def test_screenshots_of_every_customer_page(two_customers, shop_products, browser, live_server):  # noqa: F811
    base = live_server.url
    a = two_customers["a"]
    serum = shop_products[PROMOTED_SKU]
    item = f"{global_id('Product', serum.pk)}:2"
    signed_out_pages = {"sign-in": "/akun/masuk/", "register": "/akun/daftar/"}
    signed_in_pages = {
        "account": "/akun/",
        "profile": "/akun/profil/",
        "treatments": "/akun/perawatan/",
        "treatment": f"/akun/perawatan/{a['record_id']}/",
        "orders": "/akun/pesanan/",
        "order": f"/akun/pesanan/{a['order_id']}/",
        "vouchers": "/akun/voucher/",
        "my-data": "/akun/data-saya/",
        "shop": "/toko/",
        "cart": "/toko/keranjang/",
        "checkout": f"/toko/checkout/?item={item}",
        "order-done": f"/toko/pesanan/{a['order_id']}/selesai/",
        "testimonial": "/testimoni/tulis/",
        "sign-out": "/akun/keluar/",
    }
    for language, prefix in (("id", ""), ("en", "/en")):
        for size_name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale=f"{language}-ID")
            page = new_page(context)
            for name, path in signed_out_pages.items():
                visit(page, base + prefix + path)
                assert page.title().endswith("· Amaze Skin Care") and len(page.title()) > 20, page.title()
                assert_fits_viewport(page, f"{name} {language} {size_name}")
                shot(page, f"account-{name}-{size_name}-{language}")
            visit(page, base + prefix + "/akun/masuk/")
            sign_in_through_form(page, base, a["username"], "Masuk" if language == "id" else "Sign in")
            page.wait_for_url(base + prefix + "/akun/")
            page.evaluate(
                "item => localStorage.setItem('amaze.cart.v1', JSON.stringify([item]))",
                {"id": global_id("Product", serum.pk), "name": serum.name, "price": format_rupiah(serum.price), "quantity": 2},
            )
            for name, path in signed_in_pages.items():
                visit(page, base + prefix + path)
                if name == "cart":
                    page.locator('[data-quote="total"]').filter(has_text="Rp").wait_for()
                assert page.locator("h1").count() == 1, name
                assert_fits_viewport(page, f"{name} {language} {size_name}")
                assert_images_loaded(page, f"{name} {language} {size_name}")
                unlabeled = page.evaluate(
                    """() => Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))
                        .filter(field => !(field.labels && field.labels.length) && !field.getAttribute('aria-label'))
                        .map(field => field.name)"""
                )
                assert unlabeled == [], f"{name}: fields without a label: {unlabeled}"
                missing_alt = page.evaluate("() => Array.from(document.images).filter(image => !image.alt).map(image => image.src)")
                assert missing_alt == [], f"{name}: images without alt text: {missing_alt}"
                shot(page, f"{'shop' if path.startswith('/toko') else 'account'}-{name}-{size_name}-{language}")

            # Download my data: a JSON attachment.
            visit(page, base + prefix + "/akun/data-saya/")
            with page.expect_download() as download:
                page.locator(".account-main form button[type=submit]").click()
            assert download.value.suggested_filename.endswith(".json")
            context.close()
