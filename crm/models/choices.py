"""Status and kind choices of the clinic operations, shared by models, services and screens."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """Stable codenames of the staff roles; each maps to one Django group (see crm.roles)."""

    FRONT_DESK = "front_desk", _("Front desk")
    THERAPIST = "therapist", _("Therapist")
    DOCTOR = "doctor", _("Doctor")
    MARKETING = "marketing", _("Marketing")
    MANAGER = "manager", _("Manager")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class SkinType(models.TextChoices):
    NORMAL = "normal", _("Normal")
    DRY = "dry", _("Dry")
    OILY = "oily", _("Oily")
    COMBINATION = "combination", _("Combination")
    SENSITIVE = "sensitive", _("Sensitive")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    IN_TREATMENT = "in_treatment", _("In treatment")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No show")


class TicketSource(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    ONLINE = "online", _("Online")


class RoomKind(models.TextChoices):
    FACIAL = "facial", _("Facial room")
    LASER = "laser", _("Laser room")
    INJECTION = "injection", _("Injection room")
    BODY = "body", _("Body care room")
    CONSULTATION = "consultation", _("Consultation room")


class RoomStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    OCCUPIED = "occupied", _("Occupied")
    CLEANING = "cleaning", _("Cleaning")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


class PhotoKind(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")


class RecordAccessAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed record")
    PHOTO_VIEWED = "photo_viewed", _("Viewed photo")


class OrderChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_CLINIC = "in_clinic", _("In clinic")


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    READY = "ready", _("Ready")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    QRIS = "qris", _("QRIS")
    CARD = "card", _("Card")


class VoucherKind(models.TextChoices):
    PERCENT = "percent", _("Percent")
    AMOUNT = "amount", _("Fixed amount (Rp)")


class VoucherScope(models.TextChoices):
    TREATMENTS = "treatments", _("Treatments")
    PRODUCTS = "products", _("Products")
    ALL = "all", _("Treatments and products")
