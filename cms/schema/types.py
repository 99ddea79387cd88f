"""GraphQL types for public site content."""

import graphene
from django.utils import timezone

from cms.models import ServiceCategory
from cms.models.promotions import DiscountKind
from common.graphql.images import image_field, rendition_for
from common.graphql.scalars import Money
from common.money import format_rupiah

ServiceCategoryEnum = graphene.Enum(
    "ServiceCategory",
    [(choice.name, choice.value) for choice in ServiceCategory],
    description="Kind of treatment.",
)

DiscountKindEnum = graphene.Enum(
    "DiscountKind", [(choice.name, choice.value) for choice in DiscountKind]
)


class ServiceCategoryOption(graphene.ObjectType):
    """A category with its label in the request's language."""

    value = graphene.Field(ServiceCategoryEnum, required=True)
    label = graphene.String(required=True)


class ServicePrice(graphene.ObjectType):
    """A treatment price: one amount, a range (`max` set) or a starting price (`isFrom`)."""

    min = graphene.Field(Money, required=True, description="The price, or the lowest of a range.")
    max = graphene.Field(Money, description="Highest price of a range; null for a single price.")
    is_from = graphene.Boolean(required=True, description="True when the price is a starting price.")
    display = graphene.String(required=True, description="Formatted, e.g. Rp 350.000 – Rp 500.000.")


def service_price_display(page) -> str:
    from django.utils.translation import gettext

    if page.price_max is not None:
        return f"{format_rupiah(page.price)} – {format_rupiah(page.price_max)}"
    if page.price_is_from:
        return gettext("From %(price)s") % {"price": format_rupiah(page.price)}
    return format_rupiah(page.price)


class GalleryImage(graphene.ObjectType):
    caption = graphene.String(required=True)
    image = image_field("The gallery picture in the requested size.")

    def resolve_image(parent, info, filter):
        return rendition_for(parent["image"], filter, alt=parent["caption"])


class ContentBlock(graphene.ObjectType):
    """One block of a StreamField: a heading, a paragraph, an image or a question with its answer."""

    type = graphene.String(required=True, description="heading, paragraph, image or faq.")
    text = graphene.String(description="Plain text: the heading, the image caption or the question.")
    html = graphene.String(description="Rendered HTML: the paragraph or the answer.")
    image = image_field("The picture of an image block in the requested size.")

    def resolve_type(block, info):
        return block.block_type

    def resolve_text(block, info):
        if block.block_type == "heading":
            return block.value
        if block.block_type == "image":
            return block.value.get("caption", "")
        if block.block_type == "faq":
            return block.value.get("question", "")
        return None

    def resolve_html(block, info):
        if block.block_type == "paragraph":
            return str(block.render())
        if block.block_type == "faq":
            return str(block.value.get("answer").__html__())
        return None

    def resolve_image(block, info, filter):
        if block.block_type != "image":
            return None
        return rendition_for(block.value["image"], filter, alt=block.value.get("caption", ""))


class Service(graphene.ObjectType):
    """A treatment the clinic offers."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    url = graphene.String(required=True, description="Path of the service page on the site.")
    name = graphene.String(required=True)
    summary = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(lambda: ContentBlock), required=True, description="The description as content blocks.")
    category = graphene.Field(ServiceCategoryEnum, required=True)
    category_label = graphene.String(required=True)
    price = graphene.Field(ServicePrice, required=True)
    duration_minutes = graphene.Int(required=True)
    launch_date = graphene.Date(required=True)
    is_new = graphene.Boolean(required=True, description="Launched in the last 60 days (Asia/Jakarta).")
    main_image = image_field("The service's main picture in the requested size.")
    gallery = graphene.List(graphene.NonNull(GalleryImage), required=True)

    def resolve_id(page, info):
        return page.pk

    def resolve_url(page, info):
        return page.get_url(request=info.context) or ""

    def resolve_name(page, info):
        return page.title

    def resolve_body(page, info):
        return list(page.body)

    def resolve_category_label(page, info):
        return ServiceCategory(page.category).label

    def resolve_price(page, info):
        return ServicePrice(
            min=Money.from_amount(page.price),
            max=Money.from_amount(page.price_max),
            is_from=page.price_is_from,
            display=service_price_display(page),
        )

    def resolve_is_new(page, info):
        return page.is_new(timezone.localdate())

    def resolve_main_image(page, info, filter):
        return rendition_for(page.main_image, filter, alt=page.title)

    def resolve_gallery(page, info):
        return [{"caption": row.caption, "image": row.image} for row in page.gallery_images.all()]


class Promotion(graphene.ObjectType):
    """A seasonal discount (diskon musiman)."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    url = graphene.String(required=True)
    title = graphene.String(required=True)
    summary = graphene.String(required=True)
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(required=True)
    is_active = graphene.Boolean(required=True, description="Today (Asia/Jakarta) is inside the period.")
    discount_kind = graphene.Field(DiscountKindEnum, required=True)
    discount_percent = graphene.Decimal(description="Set when the discount is a percent.")
    discount_amount = graphene.Field(Money, description="Set when the discount is a fixed amount.")
    discount_display = graphene.String(required=True, description="E.g. 20% or Rp 100.000.")
    applies_to_all_services = graphene.Boolean(required=True)
    services = graphene.List(graphene.NonNull(lambda: Service), required=True)
    terms = graphene.String(required=True, description="Terms as HTML.")
    banner_image = image_field("The promotion banner in the requested size.")

    def resolve_id(page, info):
        return page.pk

    def resolve_url(page, info):
        return page.get_url(request=info.context) or ""

    def resolve_is_active(page, info):
        return page.is_active(timezone.localdate())

    def resolve_discount_amount(page, info):
        return Money.from_amount(page.discount_amount)

    def resolve_discount_display(page, info):
        if page.discount_kind == DiscountKind.PERCENT:
            return f"{page.discount_percent.normalize():f}%"
        return format_rupiah(page.discount_amount)

    def resolve_services(page, info):
        return [service for service in page.services.all() if service.live]

    def resolve_terms(page, info):
        from wagtail.rich_text import expand_db_html

        return expand_db_html(page.terms)

    def resolve_banner_image(page, info, filter):
        return rendition_for(page.banner_image, filter, alt=page.title)


class Testimonial(graphene.ObjectType):
    """A published customer review."""

    id = graphene.ID(required=True)
    display_name = graphene.String(required=True)
    rating = graphene.Int(required=True)
    text = graphene.String(required=True)
    service = graphene.Field(Service)
    published_at = graphene.DateTime()

    def resolve_id(testimonial, info):
        return testimonial.pk

    def resolve_service(testimonial, info):
        service = testimonial.service
        if service is None or not service.live:
            return None
        return service

    def resolve_published_at(testimonial, info):
        return testimonial.first_published_at


class DayHours(graphene.ObjectType):
    """Opening hours of one local date (Asia/Jakarta)."""

    date = graphene.Date(required=True)
    weekday = graphene.String(required=True, description="Day name in the request's language.")
    closed = graphene.Boolean(required=True)
    opens_at = graphene.Time()
    closes_at = graphene.Time()
    reason = graphene.String(required=True, description="Why the day differs, e.g. a holiday name.")

    def resolve_weekday(day, info):
        from django.utils.formats import date_format

        return date_format(day.date, "l")


class OpeningHours(graphene.ObjectType):
    is_open_now = graphene.Boolean(required=True)
    today = graphene.Field(DayHours, required=True)
    week = graphene.List(
        graphene.NonNull(DayHours), required=True, description="Today and the six days after it."
    )
    next_opening = graphene.DateTime(description="Next opening moment, when closed now.")
    now = graphene.DateTime(required=True, description="The moment the answer was computed for.")


class Home(graphene.ObjectType):
    """The home page's own content; lists come from their root fields."""

    title = graphene.String(required=True)
    hero_title = graphene.String(required=True)
    hero_text = graphene.String(required=True)
    hero_image = image_field("The hero picture in the requested size.")
    highlighted_services = graphene.List(graphene.NonNull(Service), required=True)

    def resolve_hero_image(page, info, filter):
        return rendition_for(page.hero_image, filter, alt=page.hero_title)

    def resolve_highlighted_services(page, info):
        from cms.selectors import highlighted_services

        return highlighted_services(page)
