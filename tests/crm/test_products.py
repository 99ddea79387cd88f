from decimal import Decimal

import pytest

from cms.models import PromotionPage
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Product, StockAdjustment
from crm.services import adjust_stock, create_product, update_product
from tests.crm.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_manager_creates_product(manager):
    promotion = PromotionPage.objects.get(slug="promo-akhir-tahun")

    product = create_product(
        actor=manager, sku=" amz-new-1 ", name="Toner  Baru", price="120000", stock=12, promotions=[promotion]
    )

    assert product.sku == "AMZ-NEW-1"
    assert product.name == "Toner Baru"
    assert product.price == Decimal(120000)
    assert product.stock == 12
    assert list(product.promotions.all()) == [promotion]


def test_sku_unique_ignoring_case(manager):
    ProductFactory(sku="AMZ-X")

    with pytest.raises(CrmError) as raised:
        create_product(actor=manager, sku="amz-x", name="Lain", price=1000)

    assert raised.value.code == "sku_taken"
    assert Product.objects.filter(sku__iexact="amz-x").count() == 1


@pytest.mark.parametrize("price", [-1, "12.5", "abc", 1.5, "NaN"])
def test_bad_price_rejected(manager, price):
    with pytest.raises(CrmError) as raised:
        create_product(actor=manager, sku="AMZ-P", name="Produk", price=price)

    assert raised.value.code == "price_invalid"
    assert not Product.objects.filter(sku="AMZ-P").exists()


@pytest.mark.parametrize("stock", [-1, "5", 2.0, True])
def test_bad_stock_rejected(manager, stock):
    with pytest.raises(CrmError) as raised:
        create_product(actor=manager, sku="AMZ-S", name="Produk", price=1000, stock=stock)

    assert raised.value.code == "stock_invalid"


@pytest.mark.parametrize("role_fixture", ["front_desk", "marketing", "therapist"])
def test_create_refused_without_role(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        create_product(actor=actor, sku="AMZ-R", name="Produk", price=1000)


def test_marketing_edits_product(marketing):
    product = ProductFactory(price=Decimal(100000))

    updated = update_product(actor=marketing, product=product, price=95000, description="Baru", is_active=False)

    assert updated.price == Decimal(95000)
    assert updated.description == "Baru"
    assert updated.is_active is False


def test_update_refuses_stock_field(manager):
    product = ProductFactory(stock=4)

    with pytest.raises(CrmError) as raised:
        update_product(actor=manager, product=product, stock=100)

    assert raised.value.code == "stock_invalid"
    product.refresh_from_db()
    assert product.stock == 4


def test_front_desk_cannot_edit(front_desk):
    with pytest.raises(CrmPermissionDenied):
        update_product(actor=front_desk, product=ProductFactory(), price=1)


def test_adjust_stock_records_history(manager):
    product = ProductFactory(stock=3)

    adjust_stock(actor=manager, product=product, delta=10, reason="Kiriman supplier")
    product = adjust_stock(actor=manager, product=product, delta=-2, reason="Rusak")

    assert product.stock == 11
    history = list(StockAdjustment.objects.filter(product=product).order_by("pk").values_list("delta", "stock_after", "reason"))
    assert history == [(10, 13, "Kiriman supplier"), (-2, 11, "Rusak")]


def test_adjust_below_zero_rejected(manager):
    product = ProductFactory(stock=2)

    with pytest.raises(CrmError) as raised:
        adjust_stock(actor=manager, product=product, delta=-3)

    assert raised.value.code == "product_out_of_stock"
    product.refresh_from_db()
    assert product.stock == 2
    assert not StockAdjustment.objects.filter(product=product).exists()


@pytest.mark.parametrize("delta", [0, 1.0, "3", True])
def test_adjust_bad_delta_rejected(manager, delta):
    with pytest.raises(CrmError) as raised:
        adjust_stock(actor=manager, product=ProductFactory(), delta=delta)

    assert raised.value.code == "stock_invalid"
