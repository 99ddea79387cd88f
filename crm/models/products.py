from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.money import RUPIAH_DIGITS


class Product(models.Model):
    """A skin-care product sold at the clinic and online; stock is counted across all branches."""

    sku = models.CharField(max_length=40, unique=True, verbose_name=_("SKU"))
    name = models.CharField(max_length=150, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    price = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        validators=[MinValueValidator(0, message=_("The price cannot be negative."))],
        verbose_name=_("price (Rp)"),
    )
    # PositiveIntegerField adds a database CHECK (stock >= 0), a last guard under the row locks.
    stock = models.PositiveIntegerField(default=0, verbose_name=_("stock"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    # CMS promotions are written for services; a product takes part in one only when linked here.
    promotions = models.ManyToManyField(
        "cms.PromotionPage",
        blank=True,
        related_name="products",
        verbose_name=_("promotions"),
        help_text=_("Promotions whose discount also applies to this product while they are active."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="crm_product_price_not_negative")
        ]

    def __str__(self):
        return f"{self.name} ({self.sku})"


class StockAdjustment(models.Model):
    """A manual change of a product's stock (restock, damage, stocktake), kept for audit.

    Sales and cancellations are not listed here; they are in the orders.
    """

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="stock_adjustments", verbose_name=_("product")
    )
    delta = models.IntegerField(verbose_name=_("change"))
    stock_after = models.PositiveIntegerField(verbose_name=_("stock after"))
    reason = models.CharField(max_length=255, blank=True, verbose_name=_("reason"))
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("adjusted by"),
    )
    adjusted_at = models.DateTimeField(auto_now_add=True, verbose_name=_("adjusted at"))

    class Meta:
        ordering = ["-adjusted_at", "-pk"]
        verbose_name = _("stock adjustment")
        verbose_name_plural = _("stock adjustments")
