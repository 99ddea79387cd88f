"""Treatment records (rekam medis perawatan): writing, signing, addenda, photos and access logs.

A record is a draft its practitioner may edit until they sign it. A signed record is never
changed; corrections go into addenda that keep author and time. Every opening of a record or
photo by staff is written to the access log.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ServicePage
from common.uploads import prepare_customer_photo
from crm.errors import CrmError
from crm.models import (
    Branch,
    Customer,
    PhotoKind,
    QueueTicket,
    RecordAccessAction,
    RecordAccessLog,
    RecordAddendum,
    TreatmentPhoto,
    TreatmentRecord,
)
from crm.permissions import (
    can_add_addenda,
    can_add_treatment_photos,
    can_sign_treatment_records,
    can_write_treatment_records,
    require,
)
from crm.services._common import lock, validate_choice

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = {
    "performed_at",
    "complaint",
    "skin_assessment",
    "treatment_performed",
    "products_used",
    "advice",
    "next_visit_on",
}
PHOTO_MAX_BYTES = settings.AMAZE_UPLOAD_MAX_BYTES


def _visible_or_denied(actor, record: TreatmentRecord) -> None:
    from crm.selectors import can_view_record

    require(actor, can_view_record(actor, record), _("open this treatment record"))


def _check_next_visit(performed_at: datetime.datetime, next_visit_on: datetime.date | None) -> None:
    if next_visit_on is not None and next_visit_on <= timezone.localdate(performed_at):
        raise CrmError("next_visit_invalid", field="next_visit_on")


def _clean_text(value) -> str:
    return str(value or "").strip()


@transaction.atomic
def create_treatment_record(
    *,
    actor,
    customer: Customer,
    ticket: QueueTicket | None = None,
    branch: Branch | None = None,
    service: ServicePage | None = None,
    performed_at: datetime.datetime | None = None,
    complaint: str = "",
    skin_assessment: str = "",
    treatment_performed: str = "",
    products_used: str = "",
    advice: str = "",
    next_visit_on: datetime.date | None = None,
) -> TreatmentRecord:
    """Write a draft record with the acting therapist or doctor as practitioner.

    With a ticket, the branch and the service (name and price as on the ticket) come from it,
    and the ticket must belong to the customer. Without a ticket, pass branch and service.
    """
    require(actor, can_write_treatment_records(actor) and can_sign_treatment_records(actor), _("write treatment records"))
    service_name, service_price = "", None
    if ticket is not None:
        ticket = lock(QueueTicket, ticket.pk, label=_("queue ticket"))
        if ticket.customer_id != customer.pk:
            raise CrmError("record_customer_mismatch", field="ticket", ticket=ticket.display_number)
        if TreatmentRecord.objects.filter(ticket=ticket).exists():
            raise CrmError("record_ticket_taken", field="ticket", ticket=ticket.display_number)
        branch = ticket.branch
        if service is None:
            service, service_name, service_price = ticket.service, ticket.service_name, ticket.service_price
    if branch is None:
        raise CrmError("branch_required", field="branch")
    if service is not None and not service_name:
        service_name, service_price = service.title, service.price
    if not service_name:
        raise CrmError("service_required", field="service")

    performed_at = performed_at or timezone.now()
    _check_next_visit(performed_at, next_visit_on)
    record = TreatmentRecord.objects.create(
        customer=customer,
        branch=branch,
        ticket=ticket,
        service=service,
        service_name=service_name,
        service_price=service_price,
        practitioner=actor,
        performed_at=performed_at,
        complaint=_clean_text(complaint),
        skin_assessment=_clean_text(skin_assessment),
        treatment_performed=_clean_text(treatment_performed),
        products_used=_clean_text(products_used),
        advice=_clean_text(advice),
        next_visit_on=next_visit_on,
        created_by=actor,
    )
    logger.info("Treatment record %s created by user %s", record.pk, actor.pk)
    return record


def _lock_draft_of_practitioner(actor, record: TreatmentRecord, action) -> TreatmentRecord:
    record = lock(TreatmentRecord, record.pk, label=_("treatment record"))
    if record.is_signed:
        raise CrmError("record_signed")
    if record.practitioner_id != actor.pk:
        raise CrmError("record_not_practitioner", action=action)
    return record


@transaction.atomic
def update_treatment_record(*, actor, record: TreatmentRecord, **changes) -> TreatmentRecord:
    """Edit an unsigned record; only its practitioner may."""
    require(actor, can_write_treatment_records(actor), _("write treatment records"))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise CrmError("record_field_unknown", field=sorted(unknown)[0], value=sorted(unknown)[0])
    record = _lock_draft_of_practitioner(actor, record, _("edit"))
    for name, value in changes.items():
        if name in ("performed_at", "next_visit_on"):
            setattr(record, name, value)
        else:
            setattr(record, name, _clean_text(value))
    if record.performed_at is None:
        raise CrmError("performed_at_required", field="performed_at")
    _check_next_visit(record.performed_at, record.next_visit_on)
    record.save()
    logger.info("Treatment record %s edited by user %s", record.pk, actor.pk)
    return record


@transaction.atomic
def sign_treatment_record(*, actor, record: TreatmentRecord) -> TreatmentRecord:
    """Sign a record as its practitioner; from then on it is read-only."""
    require(actor, can_sign_treatment_records(actor), _("sign treatment records"))
    record = _lock_draft_of_practitioner(actor, record, _("sign"))
    if not record.treatment_performed:
        raise CrmError("record_incomplete", field="treatment_performed")
    record.signed_at = timezone.now()
    record.signed_digest = record.content_digest()
    record.save()
    logger.info("Treatment record %s signed by user %s", record.pk, actor.pk)
    return record


@transaction.atomic
def add_addendum(*, actor, record: TreatmentRecord, text: str) -> RecordAddendum:
    """Append a correction or follow-up to a signed record."""
    require(actor, can_add_addenda(actor), _("add addenda to treatment records"))
    _visible_or_denied(actor, record)
    text = _clean_text(text)
    if not text:
        raise CrmError("addendum_empty", field="text")
    record = lock(TreatmentRecord, record.pk, label=_("treatment record"))
    if not record.is_signed:
        raise CrmError("record_not_signed")
    addendum = RecordAddendum.objects.create(record=record, author=actor, text=text)
    logger.info("Addendum %s added to treatment record %s by user %s", addendum.pk, record.pk, actor.pk)
    return addendum


def _cleaned_photo(image):
    """Return the upload checked by common.uploads and re-encoded without EXIF or GPS data."""
    try:
        return prepare_customer_photo(image)
    except ValidationError as error:
        if error.code == "file_too_large":
            raise CrmError("photo_too_large", field="image", limit=PHOTO_MAX_BYTES // (1024 * 1024)) from None
        raise CrmError("photo_invalid", field="image") from None


@transaction.atomic
def add_treatment_photo(*, actor, record: TreatmentRecord, kind: str, image, caption: str = "") -> TreatmentPhoto:
    """Store a before or after photo of an unsigned record in private storage.

    `image` is a Django File (e.g. an upload). The customer must have consented to photos.
    """
    require(actor, can_add_treatment_photos(actor), _("add treatment photos"))
    _visible_or_denied(actor, record)
    validate_choice(kind, PhotoKind, field="kind")
    record = lock(TreatmentRecord, record.pk, label=_("treatment record"))
    if record.is_signed:
        raise CrmError("record_signed")
    if not Customer.objects.filter(pk=record.customer_id, photo_consent=True).exists():
        raise CrmError("photo_consent_missing", field="image")
    cleaned = _cleaned_photo(image)
    photo = TreatmentPhoto(record=record, kind=kind, caption=_clean_text(caption)[:200], uploaded_by=actor)
    photo.image.save(cleaned.name or "photo.jpg", cleaned, save=False)
    try:
        photo.save()
    except Exception:
        # The file is already on disk; remove it so a failed save leaves nothing behind.
        photo.image.delete(save=False)
        raise
    logger.info("Photo %s added to treatment record %s by user %s", photo.pk, record.pk, actor.pk)
    return photo


def log_record_access(user, record: TreatmentRecord, *, action: str = RecordAccessAction.VIEWED) -> RecordAccessLog:
    """Write who opened which record and when; call this whenever staff open a record."""
    entry = RecordAccessLog.objects.create(record=record, user=user, action=action)
    logger.info("Treatment record %s %s by user %s", record.pk, action, user.pk)
    return entry


def open_treatment_record(*, actor, record_id: int) -> TreatmentRecord:
    """Return the record with addenda and photos if the actor may see it, and log the access."""
    from crm.selectors import treatment_record_detail

    record = treatment_record_detail(record_id)
    if record is None:
        raise CrmError("not_found", object=_("treatment record"))
    _visible_or_denied(actor, record)
    log_record_access(actor, record)
    return record


def open_treatment_photo(*, actor, photo_id: int) -> TreatmentPhoto:
    """Return a photo for the private-file view if the actor may see its record, and log it."""
    photo = TreatmentPhoto.objects.select_related("record").filter(pk=photo_id).first()
    if photo is None:
        raise CrmError("not_found", object=_("treatment photo"))
    _visible_or_denied(actor, photo.record)
    log_record_access(actor, photo.record, action=RecordAccessAction.PHOTO_VIEWED)
    return photo
