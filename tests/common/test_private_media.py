"""Short-lived links to private files, on local disk (signed view) and on S3 (presigned URLs)."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext

from common import private_media
from common.private_media import PrivateLinkError, private_file_url, read_private_link

PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg but bytes enough"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(username="dr-sari", password="x")


@pytest.fixture
def other_staff(django_user_model):
    return django_user_model.objects.create_user(username="front-desk-budi", password="x")


@pytest.fixture
def stored_photo(media_backend):
    return media_backend.private.save("treatment-photos/customer-7/before.jpg", ContentFile(PHOTO))


@pytest.mark.django_db
def test_link_works_now(media_backend, stored_photo, staff, client):
    client.force_login(staff)

    url = private_file_url(stored_photo, staff, storage=media_backend.private)
    status, body = media_backend.fetch(url, client)

    assert status == 200
    assert body == PHOTO


@pytest.mark.django_db
def test_link_rejected_after_expiry(media_backend, stored_photo, staff, client):
    client.force_login(staff)
    url = private_file_url(stored_photo, staff, ttl=120, storage=media_backend.private)

    # X-Amz-Date has whole seconds, so the margins around the 120 s keep the test exact.
    media_backend.advance_clock(115)
    still_valid, _body = media_backend.fetch(url, client)
    media_backend.advance_clock(10)
    status, body = media_backend.fetch(url, client)

    assert still_valid == 200
    assert status == 403
    assert PHOTO not in body
    if media_backend.kind == "s3":
        assert b"Request has expired" in body
    else:
        # Unprefixed URLs are served in Indonesian, the default language.
        english = "This link has expired. Reload the page to get a new one."
        with translation.override("id"):
            indonesian = gettext(english)
        assert body.decode() == indonesian
        assert indonesian != english


@pytest.mark.django_db
def test_default_ttl_from_settings(media_backend, stored_photo, staff, settings):
    settings.AMAZE_PRIVATE_URL_TTL = 90

    url = private_file_url(stored_photo, staff, storage=media_backend.private)

    if media_backend.kind == "s3":
        assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["90"]
    else:
        token = urlsplit(url).path.split("/")[2]
        link = read_private_link(token)
        assert link.expires_at - private_media.current_timestamp() in (89, 90)


@pytest.mark.parametrize("ttl", [0, -5, 7 * 24 * 3600 + 1])
def test_ttl_out_of_range(ttl):
    with pytest.raises(ValueError, match="out of range"):
        private_file_url("treatment-photos/x.jpg", None, ttl=ttl)


def test_empty_file_field():
    with pytest.raises(ValueError, match="empty"):
        private_file_url("", None)


# --- local links: signature and user binding ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_rejected_for_other_user(media_backend, stored_photo, staff, other_staff, client, caplog):
    url = private_file_url(stored_photo, staff)
    client.force_login(other_staff)

    with caplog.at_level(logging.WARNING, logger="common.views"):
        response = client.get(url)

    assert response.status_code == 403
    assert "reason=other_user" in caplog.text
    assert f"issued_to={staff.pk}" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_rejected_anonymous(media_backend, stored_photo, staff, client):
    url = private_file_url(stored_photo, staff)

    response = client.get(url)

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_tampered_rejected(media_backend, stored_photo, staff, client, caplog):
    client.force_login(staff)
    url = private_file_url(stored_photo, staff)
    forged = signing.dumps(
        {"n": stored_photo, "e": private_media.current_timestamp() + 60, "u": staff.pk}, salt="another-salt"
    )

    with caplog.at_level(logging.WARNING, logger="common.views"):
        tampered = client.get(url[:-3] + "xx/")
        wrong_salt = client.get(f"/private-media/{forged}/")

    assert tampered.status_code == 403
    assert wrong_salt.status_code == 403
    assert caplog.text.count("reason=bad_signature") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_headers(media_backend, stored_photo, staff, client):
    client.force_login(staff)

    response = client.get(private_file_url(stored_photo, staff))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_post_not_allowed(media_backend, stored_photo, staff, client):
    client.force_login(staff)

    response = client.post(private_file_url(stored_photo, staff))

    assert response.status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_missing_file(media_backend, staff, client):
    client.force_login(staff)

    response = client.get(private_file_url("treatment-photos/customer-7/gone.jpg", staff))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_path_outside_storage(media_backend, staff, client):
    client.force_login(staff)

    response = client.get(private_file_url("../../etc/passwd", staff))

    assert response.status_code == 404


@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_local_link_absolute_with_request(media_backend, rf):
    request = rf.get("/graphql/", HTTP_HOST="klinik.example")

    url = private_file_url("treatment-photos/a.jpg", None, request=request)

    assert url.startswith("http://klinik.example/private-media/")


def test_read_private_link_payload_errors():
    damaged = signing.dumps({"n": "a.jpg"}, salt=private_media.TOKEN_SALT)

    with pytest.raises(PrivateLinkError) as caught:
        read_private_link(damaged)

    assert caught.value.reason == "bad_payload"


# --- S3 presigned URLs ---------------------------------------------------------------------


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_s3_link_is_presigned_on_private_prefix(media_backend, stored_photo):
    url = private_file_url(stored_photo, None, ttl=60, storage=media_backend.private)

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == f"/{media_backend.bucket}/private/{stored_photo}"
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert "X-Amz-Signature" in query
    # The public CDN domain is never used for private files: it would drop the signature.
    assert media_backend.server.host_and_port in parts.netloc


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_s3_unsigned_private_url_rejected(media_backend, stored_photo):
    signed = urlsplit(private_file_url(stored_photo, None, storage=media_backend.private))

    status, body = media_backend.fetch(f"{signed.scheme}://{signed.netloc}{signed.path}")

    assert status == 403
    assert PHOTO not in body


# --- treatment photos: permission check, access log, link --------------------------------------


@pytest.fixture
def demo_photo():
    """A treatment photo of the demo clinic (created by crm.demo through seed_demo)."""
    from crm.models import TreatmentPhoto

    photo = TreatmentPhoto.objects.select_related("record").order_by("pk").first()
    assert photo is not None, "the demo seed should create treatment photos"
    return photo


def demo_staff(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.mark.django_db
def test_photo_link_after_access_check(demo_photo, client):
    from crm.models import RecordAccessAction, RecordAccessLog
    from crm.services.records import open_treatment_photo

    doctor = demo_staff("dokter")
    client.force_login(doctor)
    before = RecordAccessLog.objects.filter(record=demo_photo.record, user=doctor).count()

    photo = open_treatment_photo(actor=doctor, photo_id=demo_photo.pk)
    url = private_file_url(photo.image, doctor)
    response = client.get(url)

    entries = RecordAccessLog.objects.filter(record=demo_photo.record, user=doctor)
    assert entries.count() == before + 1
    assert entries.order_by("-pk").first().action == RecordAccessAction.PHOTO_VIEWED
    assert response.status_code == 200
    with photo.image.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


@pytest.mark.django_db
def test_photo_access_rejected_without_permission(demo_photo):
    from crm.errors import CrmPermissionDenied
    from crm.models import RecordAccessLog
    from crm.services.records import open_treatment_photo

    front_desk = demo_staff("resepsionis")

    with pytest.raises(CrmPermissionDenied):
        open_treatment_photo(actor=front_desk, photo_id=demo_photo.pk)

    assert not RecordAccessLog.objects.filter(user=front_desk).exists()


@pytest.mark.django_db
def test_photo_link_rejected_for_other_staff(demo_photo, client):
    from crm.services.records import open_treatment_photo

    doctor = demo_staff("dokter")
    url = private_file_url(open_treatment_photo(actor=doctor, photo_id=demo_photo.pk).image, doctor)
    client.force_login(demo_staff("resepsionis"))

    response = client.get(url)

    assert response.status_code == 403
