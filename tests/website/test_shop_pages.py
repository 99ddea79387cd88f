"""Shop pages through Django's test client: products, checkout pricing, vouchers and orders."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model

from common.money import format_rupiah
from crm import services
from crm.models import Customer, Order, Product
from crm.schema.access import global_id

pytestmark = pytest.mark.django_db

PROMOTED_SKU = "AMZ-SER-VITC"  # linked to the demo's running year-end promotion
REGULAR_SKU = "AMZ-CLN-GEL"


@pytest.fixture
def shopper():
    customer = Customer.objects.create(full_name="Sinta Belanja", phone="+6283899990001", email="sinta@example.com")
    user = get_user_model().objects.create_user("sinta", "sinta@example.com", "a-long-test-password")
    customer.user = user
    customer.save(update_fields=["user"])
    return customer, user


def product(sku: str) -> Product:
    return Product.objects.get(sku=sku)


def checkout_url(lines: list[tuple[Product, int]], language: str = "") -> str:
    query = urlencode([("item", f"{global_id('Product', item.pk)}:{quantity}") for item, quantity in lines])
    return f"{language}/toko/checkout/?{query}"


def test_product_list_shows_prices_and_add_buttons(client):
    response = client.get("/toko/")
    html = response.content.decode()
    assert response.status_code == 200
    serum = product(PROMOTED_SKU)
    assert serum.name in html
    assert format_rupiah(serum.price) in html
    assert f'data-product-id="{global_id("Product", serum.pk)}"' in html
    sold_out = Product.objects.filter(is_active=True, stock=0).first()
    if sold_out:
        assert f'data-product-id="{global_id("Product", sold_out.pk)}"' not in html


def test_cart_page_renders_for_everyone(client):
    response = client.get("/en/toko/keranjang/")
    assert response.status_code == 200
    assert 'id="op-QuoteCart"' in response.content.decode()


def test_checkout_shows_promotion_line_by_line(client, shopper):
    customer, user = shopper
    client.force_login(user)
    serum, cleanser = product(PROMOTED_SKU), product(REGULAR_SKU)
    response = client.get(checkout_url([(serum, 2), (cleanser, 1)]))
    assert response.status_code == 200
    quote = response.context["quote"]
    expected = services.quote_order(customer=customer, items=[(serum.pk, 2), (cleanser.pk, 1)]).quote
    assert quote["total"]["display"] == format_rupiah(expected.total)
    lines = {line["product"]["name"]: line for line in quote["lines"]}
    assert lines[serum.name]["promotionTitle"] == "Promo Akhir Tahun"
    assert lines[serum.name]["promotionDiscount"]["display"] == format_rupiah(expected.lines[0].promotion_discount)
    assert lines[cleanser.name]["promotionTitle"] == ""
    assert "Promo Akhir Tahun" in response.content.decode()


def test_invalid_voucher_message_is_next_to_the_field_and_nothing_is_ordered(client, shopper):
    customer, user = shopper
    client.force_login(user)
    url = checkout_url([(product(REGULAR_SKU), 1)], "/en")
    items = [f"{global_id('Product', product(REGULAR_SKU).pk)}:1"]
    response = client.post(url, {"item": items, "voucher_code": "NOPE-CODE", "action": "place"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("voucher_code"), form.errors
    html = response.content.decode()
    assert 'id="id_voucher_code_error"' in html
    assert not Order.objects.filter(customer=customer).exists()
    # The page still shows the prices without the voucher.
    assert response.context["quote"]["voucherDiscount"]["display"] == "Rp 0"


def test_place_order_with_voucher_matches_the_server_quote(client, shopper):
    customer, user = shopper
    client.force_login(user)
    serum, cleanser = product(PROMOTED_SKU), product(REGULAR_SKU)
    expected = services.quote_order(customer=customer, items=[(serum.pk, 1), (cleanser.pk, 2)], voucher_code="HEMAT10").quote
    items = [f"{global_id('Product', serum.pk)}:1", f"{global_id('Product', cleanser.pk)}:2"]

    applied = client.post(checkout_url([(serum, 1), (cleanser, 2)]), {"item": items, "voucher_code": "hemat10", "action": "apply"})
    assert applied.status_code == 200
    assert applied.context["quote"]["total"]["display"] == format_rupiah(expected.total)
    assert not Order.objects.filter(customer=customer).exists()

    placed = client.post(checkout_url([(serum, 1), (cleanser, 2)]), {"item": items, "voucher_code": "HEMAT10", "action": "place"})
    assert placed.status_code == 302
    order = Order.objects.get(customer=customer)
    assert placed["Location"] == f"/toko/pesanan/{global_id('Order', order.pk)}/selesai/"
    assert order.total == expected.total
    assert order.voucher_discount == expected.voucher_discount > 0
    assert order.promotion_discount == expected.promotion_discount > 0

    done = client.get(placed["Location"])
    html = done.content.decode()
    assert order.number in html
    assert format_rupiah(order.total) in html
    assert "data-clear-cart" in html


@pytest.mark.parametrize("query", ["", "item=abc", "item=UHJvZHVjdDox:0", "item=UHJvZHVjdDox:100", "item=:3"])
def test_checkout_without_a_usable_cart_goes_back_to_the_cart(client, shopper, query):
    _customer, user = shopper
    client.force_login(user)
    response = client.get(f"/toko/checkout/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "/toko/keranjang/"


def test_unknown_product_shows_an_error_and_orders_nothing(client, shopper):
    customer, user = shopper
    client.force_login(user)
    ghost = global_id("Product", 999999)
    response = client.post(f"/en/toko/checkout/?item={ghost}:1", {"item": [f"{ghost}:1"], "action": "place"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Order.objects.filter(customer=customer).exists()
