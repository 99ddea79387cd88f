"""Root query fields for public site content.

Resolvers stay thin: visibility is decided in cms.selectors. When a Wagtail preview renders a
draft, the site's renderer puts the unsaved page on the request (`amaze_preview_page`); only
code in this process can set it, so an HTTP client can never reach a draft this way.
"""

import graphene
from django.utils import timezone
from wagtail.models import Site

from cms import selectors
from cms.models import HomePage, PromotionPage, ServiceCategory, ServicePage
from cms.schema.types import (
    DayHours,
    Home,
    OpeningHours,
    Promotion,
    Service,
    ServiceCategoryEnum,
    ServiceCategoryOption,
    Testimonial,
)

MAX_TESTIMONIALS = 50


def preview_page(info, model):
    page = getattr(info.context, "amaze_preview_page", None)
    return page if isinstance(page, model) else None


def enum_value(value):
    return getattr(value, "value", value)


class NavigationLink(graphene.ObjectType):
    title = graphene.String(required=True)
    url = graphene.String(required=True)


class CmsQuery:
    """Root fields mixed into the one schema through grapple's `register_schema_query` hook."""

    site_navigation = graphene.List(
        graphene.NonNull(NavigationLink),
        required=True,
        description="Published pages marked for the menu, in the order editors set.",
    )

    home_page = graphene.Field(Home, description="The published home page.")
    services = graphene.List(
        graphene.NonNull(Service),
        required=True,
        category=graphene.Argument(ServiceCategoryEnum),
        new_only=graphene.Boolean(default_value=False, description="Only services launched in the last 60 days."),
        description="Published services, by category then name.",
    )
    service = graphene.Field(Service, slug=graphene.String(required=True))
    service_categories = graphene.List(graphene.NonNull(ServiceCategoryOption), required=True)
    active_promotions = graphene.List(
        graphene.NonNull(Promotion), required=True, description="Promotions running today (Asia/Jakarta)."
    )
    promotions = graphene.List(
        graphene.NonNull(Promotion), required=True, description="Current and upcoming promotions."
    )
    promotion = graphene.Field(Promotion, slug=graphene.String(required=True))
    testimonials = graphene.List(
        graphene.NonNull(Testimonial),
        required=True,
        service_slug=graphene.String(),
        limit=graphene.Int(default_value=12, description=f"At most {MAX_TESTIMONIALS}."),
        description="Published testimonials, newest first.",
    )
    opening_hours = graphene.Field(OpeningHours, required=True)

    def resolve_site_navigation(root, info):
        return [
            NavigationLink(title=page.title, url=page.get_url(request=info.context) or "")
            for page in selectors.menu_pages()
        ]

    def resolve_home_page(root, info):
        return preview_page(info, HomePage) or selectors.home_page()

    def resolve_services(root, info, category=None, new_only=False):
        return selectors.public_services(category=enum_value(category), new_only=new_only)

    def resolve_service(root, info, slug):
        draft = preview_page(info, ServicePage)
        if draft is not None and draft.slug == slug:
            return draft
        return selectors.public_service_by_slug(slug)

    def resolve_service_categories(root, info):
        return [ServiceCategoryOption(value=choice.value, label=choice.label) for choice in ServiceCategory]

    def resolve_active_promotions(root, info):
        return selectors.active_promotions()

    def resolve_promotions(root, info):
        return selectors.public_promotions()

    def resolve_promotion(root, info, slug):
        draft = preview_page(info, PromotionPage)
        if draft is not None and draft.slug == slug:
            return draft
        return selectors.public_promotion_by_slug(slug)

    def resolve_testimonials(root, info, service_slug=None, limit=12):
        limit = max(0, min(limit, MAX_TESTIMONIALS))
        return selectors.published_testimonials(service_slug=service_slug)[:limit]

    def resolve_opening_hours(root, info):
        site = Site.find_for_request(info.context) if hasattr(info.context, "META") else None
        schedule = selectors.opening_schedule(site)
        now = timezone.localtime(timezone.now())
        today = schedule.hours_on(now.date())
        is_open = schedule.is_open_at(now)
        return OpeningHours(
            is_open_now=is_open,
            today=today,
            week=schedule.week_from(now.date()),
            next_opening=None if is_open else schedule.next_opening(now),
            now=now,
        )


__all__ = ["CmsQuery", "DayHours"]
