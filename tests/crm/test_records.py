import io
import pathlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import (
    PhotoKind,
    RecordAccessAction,
    RecordAccessLog,
    RecordAddendum,
    SignedRecordChangeError,
    TicketStatus,
    TreatmentPhoto,
    TreatmentRecord,
)
from crm.selectors import record_access_log, treatment_records_visible_to
from crm.services import (
    add_addendum,
    add_treatment_photo,
    create_treatment_record,
    open_treatment_photo,
    open_treatment_record,
    sign_treatment_record,
    update_treatment_record,
)
from tests.crm.factories import CustomerFactory, QueueTicketFactory, TreatmentRecordFactory

pytestmark = pytest.mark.django_db


def jpeg(name="wajah.jpg") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 160, 140)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def draft(therapist, customer, branch):
    """An unsigned record written by `therapist`."""
    return TreatmentRecordFactory(customer=customer, branch=branch, practitioner=therapist)


def test_record_from_ticket_copies_service(therapist, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=customer, status=TicketStatus.DONE, service_name="Peeling", service_price=450000)

    record = create_treatment_record(actor=therapist, customer=customer, ticket=ticket, treatment_performed="Peeling AHA")

    assert record.service_name == "Peeling"
    assert record.service_price == 450000
    assert record.branch == branch
    assert record.practitioner == therapist
    assert not record.is_signed


def test_record_snapshot_survives_price_change(therapist, branch, customer, facial_service):
    record = create_treatment_record(actor=therapist, customer=customer, branch=branch, service=facial_service)
    old_price = facial_service.price

    facial_service.price = old_price + 100000
    record.refresh_from_db()

    assert record.service_price == old_price
    assert record.service_name == facial_service.title


def test_ticket_of_other_customer_rejected(therapist, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=CustomerFactory())

    with pytest.raises(CrmError) as raised:
        create_treatment_record(actor=therapist, customer=customer, ticket=ticket)

    assert raised.value.code == "record_customer_mismatch"
    assert not TreatmentRecord.objects.filter(customer=customer).exists()


def test_second_record_for_ticket_rejected(therapist, branch, customer):
    ticket = QueueTicketFactory(branch=branch, customer=customer)
    create_treatment_record(actor=therapist, customer=customer, ticket=ticket)

    with pytest.raises(CrmError) as raised:
        create_treatment_record(actor=therapist, customer=customer, ticket=ticket)

    assert raised.value.code == "record_ticket_taken"


def test_record_needs_service_and_branch(therapist, customer, branch):
    with pytest.raises(CrmError) as missing_branch:
        create_treatment_record(actor=therapist, customer=customer)
    with pytest.raises(CrmError) as missing_service:
        create_treatment_record(actor=therapist, customer=customer, branch=branch)

    assert missing_branch.value.code == "branch_required"
    assert missing_service.value.code == "service_required"


@pytest.mark.parametrize("role_fixture", ["front_desk", "marketing"])
def test_non_clinical_roles_cannot_write(request, role_fixture, customer, branch, facial_service):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        create_treatment_record(actor=actor, customer=customer, branch=branch, service=facial_service)


def test_practitioner_edits_draft(draft, therapist):
    record = update_treatment_record(actor=therapist, record=draft, advice="Pakai sunscreen")

    assert record.advice == "Pakai sunscreen"


def test_other_practitioner_cannot_edit(draft, doctor):
    with pytest.raises(CrmError) as raised:
        update_treatment_record(actor=doctor, record=draft, advice="Lain")

    assert raised.value.code == "record_not_practitioner"


def test_treatment_time_required(draft, therapist):
    with pytest.raises(CrmError) as raised:
        update_treatment_record(actor=therapist, record=draft, performed_at=None)

    assert raised.value.code == "performed_at_required"
    draft.refresh_from_db()
    assert draft.performed_at is not None


def test_next_visit_must_follow_treatment(draft, therapist):
    with pytest.raises(CrmError) as raised:
        update_treatment_record(actor=therapist, record=draft, next_visit_on=draft.performed_at.date())

    assert raised.value.code == "next_visit_invalid"


def test_unknown_field_rejected(draft, therapist):
    with pytest.raises(CrmError) as raised:
        update_treatment_record(actor=therapist, record=draft, practitioner_id=1)

    assert raised.value.code == "record_field_unknown"


def test_sign_freezes_record(draft, therapist):
    signed = sign_treatment_record(actor=therapist, record=draft)

    assert signed.is_signed
    assert signed.signed_digest == signed.content_digest()
    with pytest.raises(CrmError) as raised:
        update_treatment_record(actor=therapist, record=signed, advice="Ubah")
    assert raised.value.code == "record_signed"
    with pytest.raises(CrmError) as twice:
        sign_treatment_record(actor=therapist, record=signed)
    assert twice.value.code == "record_signed"


def test_signed_record_model_save_refused(draft, therapist):
    sign_treatment_record(actor=therapist, record=draft)
    loaded = TreatmentRecord.objects.get(pk=draft.pk)
    loaded.advice = "Diubah diam-diam"

    with pytest.raises(SignedRecordChangeError):
        loaded.save()

    assert TreatmentRecord.objects.get(pk=draft.pk).advice == ""


def test_only_practitioner_signs(draft, doctor):
    with pytest.raises(CrmError) as raised:
        sign_treatment_record(actor=doctor, record=draft)

    assert raised.value.code == "record_not_practitioner"
    draft.refresh_from_db()
    assert not draft.is_signed


def test_empty_record_cannot_be_signed(therapist, customer, branch, facial_service):
    record = create_treatment_record(actor=therapist, customer=customer, branch=branch, service=facial_service)

    with pytest.raises(CrmError) as raised:
        sign_treatment_record(actor=therapist, record=record)

    assert raised.value.code == "record_incomplete"


def test_addendum_keeps_original(draft, therapist, doctor):
    signed = sign_treatment_record(actor=therapist, record=draft)
    original = signed.treatment_performed

    addendum = add_addendum(actor=doctor, record=signed, text="Koreksi: dosis 20%")

    signed.refresh_from_db()
    assert signed.treatment_performed == original
    assert addendum.author == doctor
    assert addendum.created_at is not None
    assert list(signed.addenda.values_list("text", flat=True)) == ["Koreksi: dosis 20%"]


def test_addendum_needs_signed_record(draft, therapist):
    with pytest.raises(CrmError) as raised:
        add_addendum(actor=therapist, record=draft, text="Catatan")

    assert raised.value.code == "record_not_signed"
    assert not RecordAddendum.objects.filter(record=draft).exists()


def test_empty_addendum_rejected(draft, therapist):
    signed = sign_treatment_record(actor=therapist, record=draft)

    with pytest.raises(CrmError) as raised:
        add_addendum(actor=therapist, record=signed, text="  ")

    assert raised.value.code == "addendum_empty"


def test_front_desk_cannot_add_addendum(draft, therapist, front_desk):
    signed = sign_treatment_record(actor=therapist, record=draft)

    with pytest.raises(CrmPermissionDenied):
        add_addendum(actor=front_desk, record=signed, text="Catatan")


def test_visibility_by_role(draft, therapist, doctor, manager, front_desk, marketing):
    other_therapist_record = TreatmentRecordFactory()

    assert set(treatment_records_visible_to(doctor)) >= {draft, other_therapist_record}
    assert set(treatment_records_visible_to(manager)) >= {draft, other_therapist_record}
    assert draft in treatment_records_visible_to(therapist)
    assert other_therapist_record not in treatment_records_visible_to(therapist)
    assert not treatment_records_visible_to(front_desk).exists()
    assert not treatment_records_visible_to(marketing).exists()


def test_therapist_sees_history_of_customer_in_queue(therapist):
    history = TreatmentRecordFactory()

    assert history not in treatment_records_visible_to(therapist)
    QueueTicketFactory(customer=history.customer, status=TicketStatus.WAITING)
    assert history in treatment_records_visible_to(therapist)


def test_opening_record_writes_access_log(draft, doctor):
    record = open_treatment_record(actor=doctor, record_id=draft.pk)

    entry = RecordAccessLog.objects.get(record=record)
    assert entry.user == doctor
    assert entry.action == RecordAccessAction.VIEWED
    assert entry.accessed_at is not None


@pytest.mark.parametrize("role_fixture", ["front_desk", "marketing"])
def test_refused_open_writes_no_log(request, draft, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(CrmPermissionDenied):
        open_treatment_record(actor=actor, record_id=draft.pk)

    assert not RecordAccessLog.objects.filter(record=draft).exists()


def test_open_missing_record(doctor):
    with pytest.raises(CrmError) as raised:
        open_treatment_record(actor=doctor, record_id=0)

    assert raised.value.code == "not_found"


def test_access_log_for_managers_only(draft, doctor, manager):
    open_treatment_record(actor=doctor, record_id=draft.pk)

    assert [entry.user for entry in record_access_log(actor=manager, record=draft)] == [doctor]
    with pytest.raises(CrmPermissionDenied):
        record_access_log(actor=doctor)


def test_photo_stored_privately_with_fresh_name(draft, therapist):
    first = add_treatment_photo(actor=therapist, record=draft, kind=PhotoKind.BEFORE, image=jpeg())
    second = add_treatment_photo(actor=therapist, record=draft, kind=PhotoKind.AFTER, image=jpeg())

    assert first.image.name != second.image.name
    assert first.image.name.startswith(f"treatment-photos/customer-{draft.customer_id}/")
    assert "wajah" not in first.image.name
    path = pathlib.Path(first.image.path)
    assert path.exists()
    assert pathlib.Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert pathlib.Path(settings.MEDIA_ROOT) not in path.parents
    assert not first.image.url.startswith(settings.MEDIA_URL)
    assert (first.width, first.height) == (40, 30)


def test_photo_loses_gps_metadata(draft, therapist):
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0)}  # GPSInfo: latitude of a customer's home
    exif[0x0112] = 6  # Orientation: rotate 90° to display upright
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 160, 140)).save(buffer, format="JPEG", exif=exif)

    photo = add_treatment_photo(
        actor=therapist, record=draft, kind=PhotoKind.BEFORE, image=ContentFile(buffer.getvalue(), name="gps.jpg")
    )

    with photo.image.open("rb") as stored, Image.open(stored) as picture:
        assert 0x8825 not in picture.getexif()
        assert 0x0112 not in picture.getexif()
        assert picture.size == (30, 40)


def test_photo_needs_consent(therapist, branch):
    record = TreatmentRecordFactory(practitioner=therapist, customer=CustomerFactory(photo_consent=False, photo_consent_at=None))

    with pytest.raises(CrmError) as raised:
        add_treatment_photo(actor=therapist, record=record, kind=PhotoKind.BEFORE, image=jpeg())

    assert raised.value.code == "photo_consent_missing"
    assert not TreatmentPhoto.objects.filter(record=record).exists()


def test_photo_must_be_image(draft, therapist):
    with pytest.raises(CrmError) as raised:
        add_treatment_photo(
            actor=therapist, record=draft, kind=PhotoKind.BEFORE, image=ContentFile(b"%PDF-1.4 not a photo", name="x.jpg")
        )

    assert raised.value.code == "photo_invalid"
    assert not TreatmentPhoto.objects.filter(record=draft).exists()


def test_photo_refused_on_signed_record(draft, therapist):
    signed = sign_treatment_record(actor=therapist, record=draft)

    with pytest.raises(CrmError) as raised:
        add_treatment_photo(actor=therapist, record=signed, kind=PhotoKind.AFTER, image=jpeg())

    assert raised.value.code == "record_signed"


def test_opening_photo_checks_and_logs(draft, therapist, front_desk):
    photo = add_treatment_photo(actor=therapist, record=draft, kind=PhotoKind.BEFORE, image=jpeg())

    assert open_treatment_photo(actor=therapist, photo_id=photo.pk) == photo
    assert RecordAccessLog.objects.filter(record=draft, action=RecordAccessAction.PHOTO_VIEWED).count() == 1
    with pytest.raises(CrmPermissionDenied):
        open_treatment_photo(actor=front_desk, photo_id=photo.pk)
