from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from cms.models.base import OperationRenderedPage


class HomePage(OperationRenderedPage):
    hero_title = models.CharField(max_length=120, verbose_name=_("hero title"))
    hero_text = models.TextField(max_length=400, blank=True, verbose_name=_("hero text"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )

    graphql_operation = "HomePage"
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = OperationRenderedPage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        InlinePanel("highlighted_services", label=_("Highlighted services"), max_num=6),
    ]

    class Meta:
        verbose_name = _("home page")


class HomeHighlightedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlighted_services")
    service = models.ForeignKey(
        "cms.ServicePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("service")
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("highlighted service")
        verbose_name_plural = _("highlighted services")


class TestimonialIndexPage(OperationRenderedPage):
    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    graphql_operation = "TestimonialList"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = OperationRenderedPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("testimonial list")


class OpeningHoursPage(OperationRenderedPage):
    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    graphql_operation = "OpeningHours"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = OperationRenderedPage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("opening hours page")
