import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from cms.models.base import OperationRenderedPage
from common.money import RUPIAH_DIGITS


class DiscountKind(models.TextChoices):
    PERCENT = "percent", _("Percent")
    AMOUNT = "amount", _("Fixed amount (Rp)")


class PromotionIndexPage(OperationRenderedPage):
    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    graphql_operation = "PromotionList"
    subpage_types = ["cms.PromotionPage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1
    content_panels = OperationRenderedPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("promotion list")


class PromotionPage(OperationRenderedPage):
    """A seasonal discount (diskon musiman), active while today in Asia/Jakarta is in its period."""

    summary = models.CharField(max_length=250, verbose_name=_("summary"))
    start_date = models.DateField(verbose_name=_("first day"))
    end_date = models.DateField(verbose_name=_("last day"))
    discount_kind = models.CharField(
        max_length=10,
        choices=DiscountKind.choices,
        default=DiscountKind.PERCENT,
        verbose_name=_("discount kind"),
    )
    discount_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("A percent discount is at least %(limit_value)s%%.")),
            MaxValueValidator(100, message=_("A percent discount is at most %(limit_value)s%%.")),
        ],
        verbose_name=_("discount (%)"),
    )
    discount_amount = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message=_("A fixed discount is at least Rp 1."))],
        verbose_name=_("discount (Rp)"),
    )
    applies_to_all_services = models.BooleanField(
        default=False, verbose_name=_("applies to all services")
    )
    services = ParentalManyToManyField(
        "cms.ServicePage", blank=True, related_name="promotions", verbose_name=_("services")
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("banner image"),
    )
    terms = RichTextField(features=["bold", "italic", "ol", "ul", "link"], blank=True, verbose_name=_("terms and conditions"))

    graphql_operation = "PromotionDetail"
    parent_page_types = ["cms.PromotionIndexPage"]
    subpage_types = []
    content_panels = OperationRenderedPage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")),
        MultiFieldPanel(
            [
                FieldPanel("discount_kind"),
                FieldRowPanel([FieldPanel("discount_percent"), FieldPanel("discount_amount")]),
                FieldPanel("applies_to_all_services"),
                FieldPanel("services"),
            ],
            heading=_("Discount"),
        ),
        FieldPanel("banner_image"),
        FieldPanel("terms"),
    ]

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def graphql_variables(self) -> dict:
        return {"slug": self.slug}

    def is_active(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day must not be before the first day.")
        if self.discount_kind == DiscountKind.PERCENT and self.discount_percent is None:
            errors["discount_percent"] = _("Enter the discount percent.")
        if self.discount_kind == DiscountKind.AMOUNT and self.discount_amount is None:
            errors["discount_amount"] = _("Enter the discount amount in Rupiah.")
        if errors:
            raise ValidationError(errors)
