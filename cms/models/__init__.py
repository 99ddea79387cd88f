from cms.models.categories import QUEUE_PREFIX_BY_CATEGORY, ServiceCategory
from cms.models.home import HomeHighlightedService, HomePage, OpeningHoursPage, TestimonialIndexPage
from cms.models.opening_hours import OpeningHoursSettings, SpecialDay, WeeklyOpeningHours, Weekday
from cms.models.promotions import DiscountKind, PromotionIndexPage, PromotionPage
from cms.models.services import ServiceGalleryImage, ServiceIndexPage, ServicePage
from cms.models.testimonials import Testimonial

__all__ = [
    "QUEUE_PREFIX_BY_CATEGORY",
    "DiscountKind",
    "HomeHighlightedService",
    "HomePage",
    "OpeningHoursPage",
    "OpeningHoursSettings",
    "PromotionIndexPage",
    "PromotionPage",
    "ServiceCategory",
    "ServiceGalleryImage",
    "ServiceIndexPage",
    "ServicePage",
    "SpecialDay",
    "Testimonial",
    "TestimonialIndexPage",
    "WeeklyOpeningHours",
    "Weekday",
]
