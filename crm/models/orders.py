from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.money import RUPIAH_DIGITS
from crm.models.choices import OrderChannel, OrderStatus, PaymentMethod


def rupiah_field(verbose_name, **kwargs):
    return models.DecimalField(max_digits=RUPIAH_DIGITS, decimal_places=0, verbose_name=verbose_name, **kwargs)


class OrderCounter(models.Model):
    """The last order number handed out on a local day; locked while a number is taken."""

    order_date = models.DateField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class Order(models.Model):
    """A product order (pemesanan produk); amounts are computed by the server at placement."""

    # ORD-YYYYMMDD-NNNN, numbered per local day across all branches.
    number = models.CharField(max_length=30, unique=True, editable=False, verbose_name=_("number"))
    customer = models.ForeignKey(
        "crm.Customer", on_delete=models.PROTECT, related_name="orders", verbose_name=_("customer")
    )
    branch = models.ForeignKey(
        "crm.Branch", on_delete=models.PROTECT, related_name="orders", verbose_name=_("branch")
    )
    channel = models.CharField(
        max_length=20, choices=OrderChannel.choices, default=OrderChannel.IN_CLINIC, verbose_name=_("channel")
    )
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, verbose_name=_("status")
    )
    payment_method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, blank=True, verbose_name=_("payment method")
    )
    subtotal = rupiah_field(_("subtotal (Rp)"))
    promotion_discount = rupiah_field(_("promotion discount (Rp)"), default=0)
    voucher = models.ForeignKey(
        "crm.Voucher",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("voucher"),
    )
    voucher_discount = rupiah_field(_("voucher discount (Rp)"), default=0)
    total = rupiah_field(_("total (Rp)"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    placed_at = models.DateTimeField(verbose_name=_("placed at"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("placed by"),
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("status changed at"))

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subtotal__gte=0, promotion_discount__gte=0, voucher_discount__gte=0, total__gte=0),
                name="crm_order_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    total=models.F("subtotal") - models.F("promotion_discount") - models.F("voucher_discount")
                ),
                name="crm_order_total_adds_up",
            ),
        ]
        indexes = [models.Index(fields=["branch", "status"], name="crm_order_branch_status_idx")]

    def __str__(self):
        return self.number


class OrderItem(models.Model):
    """One product line; name, SKU and unit price are copies from the moment of ordering."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items", verbose_name=_("order"))
    product = models.ForeignKey(
        "crm.Product", on_delete=models.PROTECT, related_name="order_items", verbose_name=_("product")
    )
    product_name = models.CharField(max_length=150, verbose_name=_("product name"))
    product_sku = models.CharField(max_length=40, verbose_name=_("SKU"))
    unit_price = rupiah_field(_("unit price (Rp)"))
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))
    line_subtotal = rupiah_field(_("line subtotal (Rp)"))
    promotion = models.ForeignKey(
        "cms.PromotionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("promotion"),
    )
    promotion_title = models.CharField(max_length=255, blank=True, verbose_name=_("promotion title"))
    promotion_discount = rupiah_field(_("promotion discount (Rp)"), default=0)

    class Meta:
        ordering = ["order_id", "pk"]
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="crm_orderitem_quantity_positive"),
            models.UniqueConstraint(fields=["order", "product"], name="crm_orderitem_unique_product"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


class OrderStatusChange(models.Model):
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("order")
    )
    from_status = models.CharField(
        max_length=20, choices=OrderStatus.choices, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices, verbose_name=_("to status"))
    changed_at = models.DateTimeField(verbose_name=_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.CharField(max_length=255, blank=True, verbose_name=_("note"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("order status change")
        verbose_name_plural = _("order status changes")
