import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import ServiceBodyBlock
from cms.models.base import OperationRenderedPage
from cms.models.categories import ServiceCategory
from common.money import RUPIAH_DIGITS

NEW_SERVICE_DAYS = 60  # a service launched within this many days shows the "Baru" badge

non_negative_rupiah = MinValueValidator(0, message=_("The price cannot be negative."))


class ServiceIndexPage(OperationRenderedPage):
    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    graphql_operation = "ServiceList"
    subpage_types = ["cms.ServicePage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1
    content_panels = OperationRenderedPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("service list")


class ServicePage(OperationRenderedPage):
    """One treatment the clinic offers, with its price in whole Rupiah and its duration."""

    summary = models.TextField(max_length=400, verbose_name=_("summary"))
    body = StreamField(ServiceBodyBlock(), blank=True, verbose_name=_("description"))
    category = models.CharField(
        max_length=20, choices=ServiceCategory.choices, verbose_name=_("category")
    )
    price = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        validators=[non_negative_rupiah],
        verbose_name=_("price (Rp)"),
        help_text=_("Price in whole Rupiah, or the lowest price of a range."),
    )
    price_max = models.DecimalField(
        max_digits=RUPIAH_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[non_negative_rupiah],
        verbose_name=_("highest price (Rp)"),
        help_text=_("Fill in only when the price is a range."),
    )
    price_is_from = models.BooleanField(
        default=False,
        verbose_name=_("starting price"),
        help_text=_('Show the price as "from Rp …" because the final price depends on the consultation.'),
    )
    duration_minutes = models.PositiveIntegerField(
        validators=[
            MinValueValidator(5, message=_("A treatment takes at least 5 minutes.")),
            MaxValueValidator(600, message=_("A treatment takes at most 600 minutes.")),
        ],
        verbose_name=_("duration (minutes)"),
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    launch_date = models.DateField(verbose_name=_("launch date"))

    graphql_operation = "ServiceDetail"
    parent_page_types = ["cms.ServiceIndexPage"]
    subpage_types = []

    search_fields = OperationRenderedPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    content_panels = OperationRenderedPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("price_max")]),
                FieldPanel("price_is_from"),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Price and duration"),
        ),
        FieldPanel("launch_date"),
        FieldPanel("main_image"),
        InlinePanel("gallery_images", label=_("Gallery")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def graphql_variables(self) -> dict:
        return {"slug": self.slug}

    def is_new(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return today - datetime.timedelta(days=NEW_SERVICE_DAYS) <= self.launch_date <= today

    def clean(self):
        super().clean()
        if self.price_max is not None and self.price is not None and self.price_max < self.price:
            raise ValidationError(
                {"price_max": _("The highest price must not be lower than the price.")}
            )
        if self.price_max is not None and self.price_is_from:
            raise ValidationError(
                {"price_is_from": _("Choose either a price range or a starting price, not both.")}
            )


class ServiceGalleryImage(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(max_length=200, blank=True, verbose_name=_("caption"))

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
