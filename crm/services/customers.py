"""Registering customers and keeping their contact data and consents."""

import datetime
import logging

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer, Sex, SkinType
from crm.permissions import can_edit_customers, can_register_customers, is_customer_account_of, require
from crm.services._common import lock, validate_choice

logger = logging.getLogger(__name__)

PHONE_REGION = "ID"  # numbers without a country code are read as Indonesian

# Fields a customer may change on their own profile; the rest is for staff only.
SELF_SERVICE_FIELDS = {"full_name", "phone", "email", "birth_date", "sex", "skin_type", "allergies"}
STAFF_FIELDS = SELF_SERVICE_FIELDS | {"notes"}


def parse_phone(value, *, field: str = "phone") -> PhoneNumber:
    """Parse an Indonesian or international number into a valid PhoneNumber (stored as E.164)."""
    raw = str(value or "").strip()
    if not raw:
        raise CrmError("phone_required", field=field)
    try:
        parsed = phonenumbers.parse(raw, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise CrmError("phone_invalid", field=field, value=raw) from None
    if not phonenumbers.is_valid_number(parsed):
        raise CrmError("phone_invalid", field=field, value=raw)
    return PhoneNumber.from_string(raw, region=PHONE_REGION)


def _clean_email(value) -> str:
    email = str(value or "").strip().lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise CrmError("email_invalid", field="email", value=email) from None
    return email


def _clean_name(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise CrmError("name_required", field="full_name")
    return name


def _clean_birth_date(value: datetime.date | None) -> datetime.date | None:
    if value is not None and value > timezone.localdate():
        raise CrmError("birth_date_invalid", field="birth_date")
    return value


def _check_unique(customer: Customer, exclude_pk: int | None) -> None:
    others = Customer.objects.exclude(pk=exclude_pk) if exclude_pk else Customer.objects.all()
    if others.filter(phone=customer.phone).exists():
        raise CrmError("phone_taken", field="phone", value=customer.phone.as_international)
    if customer.email and others.filter(email__iexact=customer.email).exists():
        raise CrmError("email_taken", field="email", value=customer.email)


def _save_unique(customer: Customer, exclude_pk: int | None) -> None:
    _check_unique(customer, exclude_pk)
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError:
        # Another request registered the same phone or e-mail between the check and the save.
        _check_unique(customer, exclude_pk)
        raise


def _apply_consent(customer: Customer, kind: str, given: bool | None, now) -> None:
    if given is None or bool(given) == getattr(customer, f"{kind}_consent"):
        return
    setattr(customer, f"{kind}_consent", bool(given))
    # The time is that of the latest consent; withdrawing clears it.
    setattr(customer, f"{kind}_consent_at", now if given else None)
    logger.info("Customer %s %s %s consent", customer.pk, "gave" if given else "withdrew", kind)


@transaction.atomic
def register_customer(
    *,
    actor,
    full_name: str,
    phone: str,
    email: str = "",
    birth_date: datetime.date | None = None,
    sex: str = "",
    skin_type: str = "",
    allergies: str = "",
    notes: str = "",
    marketing_consent: bool = False,
    photo_consent: bool = False,
    user=None,
) -> Customer:
    """Register a customer; staff may register anyone, a signed-in user only themselves."""
    self_service = user is not None and actor is not None and user.pk == actor.pk
    require(actor, can_register_customers(actor) or self_service, _("register customers"))

    customer = Customer(
        full_name=_clean_name(full_name),
        phone=parse_phone(phone),
        email=_clean_email(email),
        birth_date=_clean_birth_date(birth_date),
        sex=validate_choice(sex, Sex, field="sex") if sex else "",
        skin_type=validate_choice(skin_type, SkinType, field="skin_type") if skin_type else "",
        allergies=allergies.strip(),
        notes=notes.strip() if can_register_customers(actor) else "",
        user=user,
    )
    now = timezone.now()
    _apply_consent(customer, "marketing", marketing_consent, now)
    _apply_consent(customer, "photo", photo_consent, now)
    _save_unique(customer, exclude_pk=None)
    logger.info("Registered customer %s by user %s", customer.pk, getattr(actor, "pk", None))
    return customer


@transaction.atomic
def update_customer(*, actor, customer: Customer, **changes) -> Customer:
    """Change profile fields; staff may change all of STAFF_FIELDS, the customer SELF_SERVICE_FIELDS."""
    is_staff_editor = can_edit_customers(actor)
    require(actor, is_staff_editor or is_customer_account_of(actor, customer), _("change this customer"))
    allowed = STAFF_FIELDS if is_staff_editor else SELF_SERVICE_FIELDS
    unknown = set(changes) - allowed
    if unknown:
        raise CrmPermissionDenied(_("change these fields"), field=sorted(unknown)[0])

    customer = lock(Customer, customer.pk, label=_("customer"))
    cleaners = {
        "full_name": _clean_name,
        "phone": parse_phone,
        "email": _clean_email,
        "birth_date": _clean_birth_date,
        "sex": lambda value: validate_choice(value, Sex, field="sex") if value else "",
        "skin_type": lambda value: validate_choice(value, SkinType, field="skin_type") if value else "",
        "allergies": lambda value: str(value or "").strip(),
        "notes": lambda value: str(value or "").strip(),
    }
    for name, value in changes.items():
        setattr(customer, name, cleaners[name](value))
    _save_unique(customer, exclude_pk=customer.pk)
    logger.info("Updated customer %s by user %s", customer.pk, actor.pk)
    return customer


@transaction.atomic
def set_customer_consents(
    *, actor, customer: Customer, marketing_consent: bool | None = None, photo_consent: bool | None = None
) -> Customer:
    """Record consent to marketing and to photo use, with the time it was given."""
    require(
        actor,
        can_edit_customers(actor) or is_customer_account_of(actor, customer),
        _("change this customer's consents"),
    )
    customer = lock(Customer, customer.pk, label=_("customer"))
    now = timezone.now()
    _apply_consent(customer, "marketing", marketing_consent, now)
    _apply_consent(customer, "photo", photo_consent, now)
    customer.save(update_fields=["marketing_consent", "marketing_consent_at", "photo_consent", "photo_consent_at", "updated_at"])
    return customer
