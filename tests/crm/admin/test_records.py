"""Treatment records: entry with photos, access logging, signing, addenda and the access log."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy
from PIL import Image

from crm import services
from crm.models import (
    PhotoKind,
    RecordAccessAction,
    RecordAccessLog,
    RecordAddendum,
    StaffRole,
    TreatmentPhoto,
    TreatmentRecord,
)
from tests.crm.admin.conftest import error_text, is_rejection, messages_of
from tests.crm.factories import CustomerFactory, TreatmentRecordFactory

FRONT_DESK, THERAPIST, DOCTOR = StaffRole.FRONT_DESK, StaffRole.THERAPIST, StaffRole.DOCTOR


def jpeg_upload(name="foto.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 150, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def ticket_in_treatment(staff, branch, rooms, facial_service):
    customer = CustomerFactory(full_name="Ibu Rekam Medis")
    services.take_queue_number(actor=staff[FRONT_DESK], branch=branch, customer=customer, service=facial_service)
    ticket = services.call_next_ticket(actor=staff[FRONT_DESK], branch=branch)
    return services.start_treatment(actor=staff[FRONT_DESK], ticket=ticket, room=rooms[0])


@pytest.fixture
def draft(staff, branch):
    return TreatmentRecordFactory(branch=branch, practitioner=staff[DOCTOR], treatment_performed="Peeling ringan.")


@pytest.fixture
def signed(staff, draft):
    return services.sign_treatment_record(actor=staff[DOCTOR], record=draft)


def record_url(name, record) -> str:
    return reverse(f"crm_admin:{name}", args=(record.pk,))


def test_record_entry_from_ticket_with_photos(login, staff, ticket_in_treatment):
    url = reverse("crm_admin:record_add") + f"?ticket={ticket_in_treatment.pk}"

    response = login(THERAPIST).post(
        url,
        {
            "complaint": "Kulit kusam",
            "treatment_performed": "Facial brightening 60 menit.",
            "advice": "Pakai tabir surya.",
            "before_photo": jpeg_upload("sebelum.jpg"),
            "after_photo": jpeg_upload("sesudah.jpg"),
        },
    )

    record = TreatmentRecord.objects.get(ticket=ticket_in_treatment)
    assert response["Location"] == record_url("record_detail", record)
    assert record.customer == ticket_in_treatment.customer
    assert record.practitioner == staff[THERAPIST]
    assert record.service_name == ticket_in_treatment.service_name
    assert record.treatment_performed == "Facial brightening 60 menit."
    assert not record.is_signed
    assert sorted(record.photos.values_list("kind", flat=True)) == [PhotoKind.AFTER, PhotoKind.BEFORE]
    for photo in record.photos.all():
        assert "sebelum" not in photo.image.name
        assert photo.image.storage.exists(photo.image.name)


def stored_photo_files(customer) -> set[str]:
    storage = TreatmentPhoto._meta.get_field("image").storage
    folder = f"treatment-photos/customer-{customer.pk}"
    return set(storage.listdir(folder)[1]) if storage.exists(folder) else set()


def test_record_entry_with_bad_photo_writes_nothing(login, ticket_in_treatment):
    url = reverse("crm_admin:record_add") + f"?ticket={ticket_in_treatment.pk}"
    not_an_image = SimpleUploadedFile("foto.jpg", b"this is not a picture", content_type="image/jpeg")
    # Earlier test sessions may have used the same customer id; only new files count.
    files_before = stored_photo_files(ticket_in_treatment.customer)

    response = login(THERAPIST).post(
        url, {"treatment_performed": "Facial.", "before_photo": jpeg_upload(), "after_photo": not_an_image}
    )

    assert response.status_code == 200
    assert not TreatmentRecord.objects.filter(ticket=ticket_in_treatment).exists()
    assert not TreatmentPhoto.objects.filter(record__ticket=ticket_in_treatment).exists()
    assert error_text("photo_invalid") in messages_of(response)
    assert error_text("photo_invalid") in response.context["form"].errors["after_photo"]
    # The before photo was stored first; it must not stay behind without its row.
    assert stored_photo_files(ticket_in_treatment.customer) == files_before


def test_record_entry_without_photo_consent_writes_nothing(login, staff, branch, facial_service):
    customer = CustomerFactory(photo_consent=False, photo_consent_at=None)

    response = login(DOCTOR).post(
        reverse("crm_admin:record_add") + f"?branch={branch.code}",
        {"customer": customer.pk, "service": facial_service.pk, "treatment_performed": "Konsultasi.", "before_photo": jpeg_upload()},
    )

    assert response.status_code == 200
    assert not TreatmentRecord.objects.filter(customer=customer).exists()
    assert error_text("photo_consent_missing") in messages_of(response)


def test_record_entry_for_customer_without_ticket(login, staff, branch, facial_service):
    customer = CustomerFactory()

    response = login(DOCTOR).post(
        reverse("crm_admin:record_add") + f"?branch={branch.code}",
        {"customer": customer.pk, "service": facial_service.pk, "treatment_performed": "Konsultasi kulit."},
    )

    record = TreatmentRecord.objects.get(customer=customer)
    assert response.status_code == 302
    assert record.branch == branch
    assert record.service_name == facial_service.title


def test_record_entry_needs_customer(login, branch):
    response = login(DOCTOR).post(reverse("crm_admin:record_add"), {"treatment_performed": "Konsultasi."})

    assert response.status_code == 200
    assert response.context["form"].errors["customer"]


def test_opening_record_writes_access_log(login, staff, draft):
    response = login(DOCTOR).get(record_url("record_detail", draft))

    assert response.status_code == 200
    entry = RecordAccessLog.objects.get(record=draft)
    assert entry.user == staff[DOCTOR]
    assert entry.action == RecordAccessAction.VIEWED
    assert "Peeling ringan." in response.content.decode()


def test_each_opening_is_logged(login, draft):
    client = login(StaffRole.MANAGER)

    client.get(record_url("record_detail", draft))
    client.get(record_url("record_detail", draft))

    assert RecordAccessLog.objects.filter(record=draft).count() == 2


def test_therapist_denied_others_record(login, draft):
    response = login(THERAPIST).get(record_url("record_detail", draft))

    assert is_rejection(response)
    assert not RecordAccessLog.objects.filter(record=draft).exists()


def test_photo_streamed_and_logged(login, staff, draft):
    photo = services.add_treatment_photo(actor=staff[DOCTOR], record=draft, kind=PhotoKind.BEFORE, image=jpeg_upload())

    response = login(DOCTOR).get(reverse("crm_admin:record_photo", args=(photo.pk,)))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert RecordAccessLog.objects.filter(record=draft, action=RecordAccessAction.PHOTO_VIEWED).count() == 1


def test_photo_denied_to_front_desk(login, staff, draft):
    photo = services.add_treatment_photo(actor=staff[DOCTOR], record=draft, kind=PhotoKind.BEFORE, image=jpeg_upload())

    response = login(FRONT_DESK).get(reverse("crm_admin:record_photo", args=(photo.pk,)))

    assert is_rejection(response)
    assert not RecordAccessLog.objects.filter(record=draft).exists()


def test_upload_photo_on_draft(login, draft):
    response = login(DOCTOR).post(
        record_url("record_detail", draft), {"action": "photo", "kind": PhotoKind.AFTER, "image": jpeg_upload()}
    )

    assert response.status_code == 302
    assert draft.photos.get().kind == PhotoKind.AFTER


def test_sign_record(login, staff, draft):
    client = login(DOCTOR)

    confirm = client.get(record_url("record_sign", draft))
    response = client.post(record_url("record_sign", draft))

    assert confirm.status_code == 200
    assert response["Location"] == record_url("record_detail", draft)
    draft.refresh_from_db()
    assert draft.is_signed
    assert draft.signed_digest == draft.content_digest()


def test_sign_by_other_practitioner_changes_nothing(login, draft):
    response = login(StaffRole.MANAGER).post(record_url("record_sign", draft))

    draft.refresh_from_db()
    assert not draft.is_signed
    assert messages_of(response) == [error_text("record_not_practitioner", action=gettext_lazy("sign"))]


def test_sign_incomplete_record_changes_nothing(login, staff, branch):
    record = TreatmentRecordFactory(branch=branch, practitioner=staff[DOCTOR], treatment_performed="")

    response = login(DOCTOR).post(record_url("record_sign", record))

    record.refresh_from_db()
    assert not record.is_signed
    assert messages_of(response) == [error_text("record_incomplete")]


def test_add_addendum_to_signed_record(login, staff, signed):
    response = login(DOCTOR).post(record_url("record_detail", signed), {"action": "addendum", "text": "Kontrol 2 minggu lagi."})

    assert response.status_code == 302
    addendum = RecordAddendum.objects.get(record=signed)
    assert addendum.author == staff[DOCTOR]
    assert addendum.text == "Kontrol 2 minggu lagi."
    signed.refresh_from_db()
    assert signed.treatment_performed == "Peeling ringan."


def test_empty_addendum_writes_nothing(login, signed):
    response = login(DOCTOR).post(record_url("record_detail", signed), {"action": "addendum", "text": "   "})

    assert response.status_code == 200
    assert not RecordAddendum.objects.filter(record=signed).exists()
    assert error_text("addendum_empty") in response.context["addendum_form"].errors["text"]


def test_addendum_on_draft_is_rejected(login, draft):
    response = login(DOCTOR).post(record_url("record_detail", draft), {"action": "addendum", "text": "Catatan"})

    assert not RecordAddendum.objects.filter(record=draft).exists()
    assert error_text("record_not_signed") in messages_of(response)


def test_edit_draft(login, draft):
    url = record_url("record_edit", draft)
    client = login(DOCTOR)
    initial = client.get(url).context["form"].initial

    response = client.post(
        url,
        {
            "performed_at_0": "",
            "complaint": "Jerawat meradang",
            "treatment_performed": initial["treatment_performed"],
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.complaint == "Jerawat meradang"


def test_edit_signed_record_redirects_with_error(login, signed):
    response = login(DOCTOR).get(record_url("record_edit", signed))

    assert response["Location"] == record_url("record_detail", signed)
    assert messages_of(response) == [error_text("record_signed")]


def test_manager_reads_access_log(login, staff, draft):
    login(DOCTOR).get(record_url("record_detail", draft))

    response = login(StaffRole.MANAGER).get(reverse("crm_admin:access_log") + f"?record={draft.pk}")

    entries = list(response.context["object_list"])
    assert response.status_code == 200
    assert [(entry.user, entry.record) for entry in entries] == [(staff[DOCTOR], draft)]


def test_marketing_denied_records_everywhere(login, draft):
    client = login(StaffRole.MARKETING)

    for url in (reverse("crm_admin:record_list"), record_url("record_detail", draft), reverse("crm_admin:access_log")):
        assert is_rejection(client.get(url)), url
    assert not RecordAccessLog.objects.filter(record=draft).exists()
