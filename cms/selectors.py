"""Read queries for public site content.

Every public read goes through these functions, so the visibility rule lives in one place:
a page must be live and without view restrictions, and a testimonial must be published.
"""

import datetime

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import (
    HomePage,
    OpeningHoursSettings,
    PromotionPage,
    ServiceCategory,
    ServiceGalleryImage,
    ServicePage,
    Testimonial,
)
from cms.models.services import NEW_SERVICE_DAYS
from cms.opening_hours import OpeningSchedule


def visible_pages(queryset: QuerySet | None = None) -> QuerySet:
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.live().public()


def _with_images(queryset: QuerySet, field: str) -> QuerySet:
    # One query for the images and one for all their renditions, whatever the list length.
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=get_image_model().get_rendition_model().objects.all())
    )


def category_order() -> Case:
    """Order by the categories' declared order, which is also the order of the filter buttons."""
    return Case(
        *[When(category=choice.value, then=Value(position)) for position, choice in enumerate(ServiceCategory)],
        default=Value(len(ServiceCategory)),
        output_field=IntegerField(),
    )


def public_services(
    *, category: str | None = None, new_only: bool = False, today: datetime.date | None = None
) -> QuerySet:
    today = today or timezone.localdate()
    services = visible_pages(ServicePage.objects.all())
    if category:
        services = services.filter(category=category)
    if new_only:
        services = services.filter(
            launch_date__gte=today - datetime.timedelta(days=NEW_SERVICE_DAYS),
            launch_date__lte=today,
        )
    return _with_gallery(_with_images(services, "main_image")).order_by(category_order(), "title")


def _with_gallery(services: QuerySet) -> QuerySet:
    # Gallery rows with their images, then the images' renditions: two queries for any list.
    rows = ServiceGalleryImage.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=get_image_model().get_rendition_model().objects.all())
    )
    return services.prefetch_related(Prefetch("gallery_images", queryset=rows))


def public_service_by_slug(slug: str) -> ServicePage | None:
    services = _with_gallery(_with_images(visible_pages(ServicePage.objects.all()), "main_image"))
    return services.filter(slug=slug).first()


def _visible_services(relation: str) -> Prefetch:
    # A promotion or testimonial may point at a draft or private service; only visible ones load.
    return Prefetch(relation, queryset=visible_pages(ServicePage.objects.all()))


def active_promotions(today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    promotions = visible_pages(PromotionPage.objects.all()).filter(
        start_date__lte=today, end_date__gte=today
    )
    return (
        _with_images(promotions, "banner_image")
        .prefetch_related(_visible_services("services"))
        .order_by("end_date", "title")
    )


def public_promotions() -> QuerySet:
    """Return current and upcoming promotions; past ones stay in the admin only."""
    today = timezone.localdate()
    promotions = visible_pages(PromotionPage.objects.all()).filter(end_date__gte=today)
    return (
        _with_images(promotions, "banner_image")
        .prefetch_related(_visible_services("services"))
        .order_by("start_date", "title")
    )


def public_promotion_by_slug(slug: str) -> PromotionPage | None:
    return public_promotions().filter(slug=slug).first()


def published_testimonials(*, service_slug: str | None = None) -> QuerySet:
    testimonials = Testimonial.objects.filter(live=True, consent_to_publish=True).prefetch_related(
        _visible_services("service")
    )
    if service_slug:
        testimonials = testimonials.filter(service__slug=service_slug, service__live=True)
    return testimonials.order_by("-first_published_at", "-pk")


def home_page() -> HomePage | None:
    home = visible_pages(HomePage.objects.all()).select_related("hero_image").first()
    return home


def menu_pages() -> QuerySet:
    home = visible_pages(HomePage.objects.all()).first()
    if home is None:
        return Page.objects.none()
    return visible_pages(home.get_children()).in_menu()


def highlighted_services(home: HomePage) -> list[ServicePage]:
    rows = home.highlighted_services.all()
    service_ids = [row.service_id for row in rows]
    services = {service.pk: service for service in public_services().filter(pk__in=service_ids)}
    return [services[pk] for pk in service_ids if pk in services]


def opening_schedule(site: Site | None = None) -> OpeningSchedule:
    site = site or Site.objects.filter(is_default_site=True).first()
    hours_settings = OpeningHoursSettings.for_site(site)
    return OpeningSchedule.from_settings(hours_settings)
