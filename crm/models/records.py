import hashlib
import json
import pathlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.money import RUPIAH_DIGITS
from common.storage import private_storage
from crm.models.choices import PhotoKind, RecordAccessAction

# Fields that make up the clinical content; they are frozen once the record is signed.
SIGNED_CONTENT_FIELDS = (
    "customer_id",
    "performed_at",
    "ticket_id",
    "service_id",
    "service_name",
    "service_price",
    "practitioner_id",
    "complaint",
    "skin_assessment",
    "treatment_performed",
    "products_used",
    "advice",
    "next_visit_on",
)


class SignedRecordChangeError(Exception):
    """Raised when code tries to save changes to a signed treatment record."""


class TreatmentRecord(models.Model):
    """A treatment record (rekam medis perawatan); read-only after its practitioner signs it."""

    customer = models.ForeignKey(
        "crm.Customer", on_delete=models.PROTECT, related_name="treatment_records", verbose_name=_("customer")
    )
    branch = models.ForeignKey(
        "crm.Branch", on_delete=models.PROTECT, related_name="treatment_records", verbose_name=_("branch")
    )
    performed_at = models.DateTimeField(verbose_name=_("date and time"))
    ticket = models.OneToOneField(
        "crm.QueueTicket",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="treatment_record",
        verbose_name=_("queue ticket"),
    )
    service = models.ForeignKey(
        "cms.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    # The service as it was on the day of treatment; the CMS page may be renamed or repriced.
    service_name = models.CharField(max_length=255, verbose_name=_("service name"))
    service_price = models.DecimalField(
        max_digits=RUPIAH_DIGITS, decimal_places=0, null=True, blank=True, verbose_name=_("service price (Rp)")
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="treatment_records",
        verbose_name=_("practitioner"),
    )
    complaint = models.TextField(blank=True, verbose_name=_("complaint"))
    skin_assessment = models.TextField(blank=True, verbose_name=_("skin assessment"))
    treatment_performed = models.TextField(blank=True, verbose_name=_("treatment performed"))
    products_used = models.TextField(blank=True, verbose_name=_("products used"))
    advice = models.TextField(blank=True, verbose_name=_("advice"))
    next_visit_on = models.DateField(null=True, blank=True, verbose_name=_("suggested next visit"))
    signed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("signed at"))
    # SHA-256 of the clinical content at signing, so later tampering outside the app is detectable.
    signed_digest = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("signature digest"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["-performed_at", "-pk"]
        verbose_name = _("treatment record")
        verbose_name_plural = _("treatment records")
        permissions = [
            ("sign_treatmentrecord", "Can sign own treatment records"),
            ("view_all_treatmentrecords", "Can view every treatment record"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_digest="")
                | (models.Q(signed_at__isnull=False) & ~models.Q(signed_digest="")),
                name="crm_record_signature_complete",
            )
        ]
        indexes = [models.Index(fields=["customer", "-performed_at"], name="crm_record_customer_idx")]

    def __str__(self):
        return f"{self.service_name} – {self.performed_at:%Y-%m-%d}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_signed = instance.__dict__.get("signed_at") is not None
        return instance

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def content_digest(self) -> str:
        """Return the SHA-256 hex digest of the clinical content fields."""
        content = {name: str(getattr(self, name)) for name in SIGNED_CONTENT_FIELDS}
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()

    def save(self, *args, **kwargs):
        # A record loaded as signed is frozen; only addenda may add to it. QuerySet.update()
        # bypasses this guard, so services never update records in bulk.
        if getattr(self, "_loaded_signed", False):
            raise SignedRecordChangeError(f"Treatment record {self.pk} is signed and cannot be changed.")
        super().save(*args, **kwargs)
        self._loaded_signed = self.signed_at is not None


class RecordAddendum(models.Model):
    """A note added to a signed record; the original text stays unchanged."""

    record = models.ForeignKey(
        TreatmentRecord, on_delete=models.PROTECT, related_name="addenda", verbose_name=_("treatment record")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(verbose_name=_("text"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("written at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("record addendum")
        verbose_name_plural = _("record addenda")


class RecordAccessLog(models.Model):
    """Who opened which treatment record and when; readable by managers."""

    record = models.ForeignKey(
        TreatmentRecord, on_delete=models.CASCADE, related_name="access_logs", verbose_name=_("treatment record")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    action = models.CharField(
        max_length=20,
        choices=RecordAccessAction.choices,
        default=RecordAccessAction.VIEWED,
        verbose_name=_("action"),
    )
    accessed_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("accessed at"))

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("record access log entry")
        verbose_name_plural = _("record access log")


def treatment_photo_path(photo: "TreatmentPhoto", filename: str) -> str:
    """Build a fresh path per upload so no photo ever overwrites another one.

    The customer's folder groups the files for export or deletion; the original file name
    is dropped because it may contain personal data.
    """
    extension = pathlib.Path(filename).suffix.lower()[:10] or ".jpg"
    return f"treatment-photos/customer-{photo.record.customer_id}/{uuid.uuid4().hex}{extension}"


class TreatmentPhoto(models.Model):
    """A before or after photo, stored in private storage and shown only through a checked view."""

    record = models.ForeignKey(
        TreatmentRecord, on_delete=models.PROTECT, related_name="photos", verbose_name=_("treatment record")
    )
    kind = models.CharField(max_length=10, choices=PhotoKind.choices, verbose_name=_("kind"))
    image = models.ImageField(
        upload_to=treatment_photo_path,
        storage=private_storage,
        width_field="width",
        height_field="height",
        verbose_name=_("photo"),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(max_length=200, blank=True, verbose_name=_("caption"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        ordering = ["record_id", "kind", "uploaded_at", "pk"]
        verbose_name = _("treatment photo")
        verbose_name_plural = _("treatment photos")
