import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from crm.models.choices import Sex, SkinType

# No 0/O or 1/I, so a code read aloud at the front desk is not misheard.
MEMBER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MEMBER_CODE_PREFIX = "AMZ-"
MEMBER_CODE_LENGTH = 8


def new_member_code() -> str:
    """Draw a random member code; the unique index catches the rare collision."""
    suffix = "".join(secrets.choice(MEMBER_CODE_ALPHABET) for _ in range(MEMBER_CODE_LENGTH))
    return MEMBER_CODE_PREFIX + suffix


class Customer(models.Model):
    """A clinic customer (pelanggan), identified by an Indonesian or international phone number."""

    full_name = models.CharField(max_length=150, verbose_name=_("full name"))
    # Stored as E.164 (+628…); "0812…", "+62 812…" and "62812…" all parse to the same value.
    phone = PhoneNumberField(region="ID", unique=True, verbose_name=_("phone"))
    # Blank when the customer has no e-mail; lower-cased by the services, unique ignoring case.
    email = models.EmailField(blank=True, verbose_name=_("e-mail"))
    birth_date = models.DateField(null=True, blank=True, verbose_name=_("birth date"))
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True, verbose_name=_("sex"))
    skin_type = models.CharField(
        max_length=20, choices=SkinType.choices, blank=True, verbose_name=_("skin type")
    )
    allergies = models.TextField(blank=True, verbose_name=_("allergies"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    marketing_consent = models.BooleanField(default=False, verbose_name=_("consents to marketing"))
    marketing_consent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("marketing consent given at")
    )
    photo_consent = models.BooleanField(default=False, verbose_name=_("consents to photo use"))
    photo_consent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("photo consent given at")
    )
    member_code = models.CharField(
        max_length=20, unique=True, default=new_member_code, editable=False, verbose_name=_("member code")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customer",
        verbose_name=_("online account"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="crm_customer_email_unique_ci",
                violation_error_message=_("Another customer already uses this e-mail address."),
            ),
            models.CheckConstraint(
                condition=models.Q(marketing_consent=False) | models.Q(marketing_consent_at__isnull=False),
                name="crm_customer_marketing_consent_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(photo_consent=False) | models.Q(photo_consent_at__isnull=False),
                name="crm_customer_photo_consent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["full_name"], name="crm_customer_name_idx")]

    def __str__(self):
        return f"{self.full_name} ({self.member_code})"
