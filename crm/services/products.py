"""Products: the catalogue and its stock.

Besides orders, stock changes only by a relative adjustment applied in the database
(stock = stock + delta) under the product's row lock. A restock entered while orders are
placed therefore loses neither the restock nor the sales, and each adjustment is kept.
"""

import logging
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from common.money import to_rupiah
from crm.errors import CrmError
from crm.models import Product, StockAdjustment
from crm.permissions import can_add_products, can_manage_products, require
from crm.services._common import lock

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = {"sku", "name", "description", "price", "is_active", "image", "promotions"}


def _clean_sku(value) -> str:
    sku = str(value or "").strip().upper()
    if not sku or len(sku) > Product._meta.get_field("sku").max_length:
        raise CrmError("choice_invalid", field="sku", value=value)
    return sku


def _clean_name(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise CrmError("name_required", field="name")
    return name[: Product._meta.get_field("name").max_length]


def _clean_price(value) -> Decimal:
    if isinstance(value, float):
        raise CrmError("price_invalid", field="price")
    try:
        price = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise CrmError("price_invalid", field="price") from None
    if not price.is_finite() or price < 0 or price != to_rupiah(price):
        raise CrmError("price_invalid", field="price")
    return price


def _clean_stock(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CrmError("stock_invalid", field="stock")
    return value


def _check_sku_free(sku: str, exclude_pk: int | None) -> None:
    others = Product.objects.exclude(pk=exclude_pk) if exclude_pk else Product.objects.all()
    if others.filter(sku__iexact=sku).exists():
        raise CrmError("sku_taken", field="sku", value=sku)


def _save(product: Product, exclude_pk: int | None) -> None:
    _check_sku_free(product.sku, exclude_pk)
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise CrmError("sku_taken", field="sku", value=product.sku) from None


@transaction.atomic
def create_product(
    *,
    actor,
    sku: str,
    name: str,
    price,
    stock: int = 0,
    description: str = "",
    is_active: bool = True,
    image=None,
    promotions=(),
) -> Product:
    """Add a product to the catalogue; `promotions` are CMS PromotionPages that also cover it."""
    require(actor, can_add_products(actor), _("add products"))
    product = Product(
        sku=_clean_sku(sku),
        name=_clean_name(name),
        price=_clean_price(price),
        stock=_clean_stock(stock),
        description=str(description or "").strip(),
        is_active=bool(is_active),
        image=image,
    )
    _save(product, exclude_pk=None)
    if promotions:
        product.promotions.set(promotions)
    logger.info("Product %s created by user %s", product.pk, actor.pk)
    return product


@transaction.atomic
def update_product(*, actor, product: Product, **changes) -> Product:
    """Change catalogue fields; stock changes go through adjust_stock."""
    require(actor, can_manage_products(actor), _("edit products"))
    if "stock" in changes:
        raise CrmError("stock_invalid", field="stock")
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise CrmError("choice_invalid", field=sorted(unknown)[0], value=sorted(unknown)[0])

    product = lock(Product, product.pk, label=_("product"))
    cleaners = {
        "sku": _clean_sku,
        "name": _clean_name,
        "price": _clean_price,
        "description": lambda value: str(value or "").strip(),
        "is_active": bool,
        "image": lambda value: value,
    }
    for field_name, value in changes.items():
        if field_name != "promotions":
            setattr(product, field_name, cleaners[field_name](value))
    _save(product, exclude_pk=product.pk)
    if "promotions" in changes:
        product.promotions.set(changes["promotions"] or [])
    logger.info("Product %s edited by user %s", product.pk, actor.pk)
    return product


@transaction.atomic
def adjust_stock(*, actor, product: Product, delta: int, reason: str = "") -> Product:
    """Add (restock) or remove (damage, stocktake) units; stock never goes below zero."""
    require(actor, can_manage_products(actor), _("adjust stock"))
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0:
        raise CrmError("stock_invalid", field="delta")
    product = lock(Product, product.pk, label=_("product"))
    if product.stock + delta < 0:
        raise CrmError(
            "product_out_of_stock", field="delta", product=product.name, available=product.stock, requested=-delta
        )
    Product.objects.filter(pk=product.pk).update(stock=F("stock") + delta)
    product.refresh_from_db(fields=["stock", "updated_at"])
    StockAdjustment.objects.create(
        product=product, delta=delta, stock_after=product.stock, reason=str(reason or "").strip()[:255], adjusted_by=actor
    )
    logger.info("Stock of product %s changed by %+d by user %s", product.pk, delta, actor.pk)
    return product
