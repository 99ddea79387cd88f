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
