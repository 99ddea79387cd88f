from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from common.money import RUPIAH_DIGITS
from crm.models.choices import VoucherKind, VoucherScope


class Voucher(models.Model):
    """A discount code (voucher potongan); the code is stored upper-case and unique ignoring case."""

    code = models.CharField(max_length=40, verbose_name=_("code"))
    description = models.CharField(max_length=255, blank=True, verbose_name=_("description"))
    kind = models.CharField(max_length=10, choices=VoucherKind.choices, verbose_name=_("kind"))
    percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        verbose_name=_("discount (%)"),
    )
    amount = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("discount (Rp)"),
    )
    max_discount = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("maximum discount (Rp)"),
        help_text=_("Upper limit of a percent discount; leave empty for no limit."),
    )
    scope = models.CharField(
        max_length=20, choices=VoucherScope.choices, default=VoucherScope.ALL, verbose_name=_("applies to")
    )
    min_spend = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0)],
        verbose_name=_("minimum spend (Rp)"),
        help_text=_("Compared with the eligible amount after promotion discounts."),
    )
    # Local dates in Asia/Jakarta, both days included.
    valid_from = models.DateField(verbose_name=_("valid from"))
    valid_until = models.DateField(verbose_name=_("valid until"))
    usage_limit = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("total use limit"),
        help_text=_("Leave empty for no limit."),
    )
    per_customer_limit = models.PositiveIntegerField(
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(1)],
        verbose_name=_("uses per customer"),
        help_text=_("Leave empty for no limit."),
    )
    owner = models.ForeignKey(
        "crm.Customer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="personal_vouchers",
        verbose_name=_("owner"),
        help_text=_("Only this customer may use the voucher, e.g. a birthday voucher."),
    )
    # Redemptions that are not released; kept in step by the services under a row lock.
    times_used = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("times used"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-valid_until", "code"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        constraints = [
            models.UniqueConstraint(
                Upper("code"),
                name="crm_voucher_code_unique_ci",
                violation_error_message=_("A voucher with this code already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind=VoucherKind.PERCENT, percent__isnull=False, amount__isnull=True)
                | models.Q(kind=VoucherKind.AMOUNT, amount__isnull=False, percent__isnull=True),
                name="crm_voucher_value_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="crm_voucher_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(usage_limit__isnull=True) | models.Q(times_used__lte=models.F("usage_limit")),
                name="crm_voucher_within_usage_limit",
            ),
        ]

    def __str__(self):
        return self.code


class VoucherRedemption(models.Model):
    """One use of a voucher, on an order (products) or a queue ticket (treatment)."""

    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("voucher")
    )
    customer = models.ForeignKey(
        "crm.Customer", on_delete=models.PROTECT, related_name="voucher_redemptions", verbose_name=_("customer")
    )
    order = models.OneToOneField(
        "crm.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voucher_redemption",
        verbose_name=_("order"),
    )
    ticket = models.OneToOneField(
        "crm.QueueTicket",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voucher_redemption",
        verbose_name=_("queue ticket"),
    )
    discount_amount = models.DecimalField(
        max_digits=RUPIAH_DIGITS, decimal_places=0, verbose_name=_("discount (Rp)")
    )
    redeemed_at = models.DateTimeField(verbose_name=_("redeemed at"))
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("redeemed by"),
    )
    # Set when the order is cancelled: the use no longer counts against the limits.
    released_at = models.DateTimeField(null=True, blank=True, verbose_name=_("released at"))

    class Meta:
        ordering = ["-redeemed_at", "-pk"]
        verbose_name = _("voucher redemption")
        verbose_name_plural = _("voucher redemptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(order__isnull=False, ticket__isnull=True)
                | models.Q(order__isnull=True, ticket__isnull=False),
                name="crm_redemption_has_one_target",
            ),
            models.CheckConstraint(condition=models.Q(discount_amount__gte=0), name="crm_redemption_discount_not_negative"),
        ]
