"""Public and private media storages, on local folders and on an S3 server on 127.0.0.1."""

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from storages.backends.s3 import S3Storage

from common.storage import describe_storage, is_s3_storage
from config.settings.storage import LOCAL_BACKEND, S3_BACKEND, media_storages

from .conftest import S3_REGION, fetch


def storages_for(monkeypatch, variables: dict) -> dict:
    for name in (
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_PRIVATE_STORAGE_BUCKET_NAME",
        "AWS_PUBLIC_LOCATION",
        "AWS_PRIVATE_LOCATION",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_ADDRESSING_STYLE",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return media_storages(environ.Env(), private_media_root="/srv/private")


# --- settings ------------------------------------------------------------------------------


def test_settings_local_without_bucket(monkeypatch):
    configured = storages_for(monkeypatch, {})

    assert configured["default"]["BACKEND"] == LOCAL_BACKEND
    assert configured["private"]["BACKEND"] == LOCAL_BACKEND
    assert configured["private"]["OPTIONS"]["location"] == "/srv/private"


def test_settings_shared_bucket_prefixes(monkeypatch):
    configured = storages_for(
        monkeypatch,
        {
            "AWS_STORAGE_BUCKET_NAME": "amaze-media",
            "AWS_S3_REGION_NAME": "ap-southeast-3",
            "AWS_S3_CUSTOM_DOMAIN": "cdn.amaze.test",
            "AMAZE_PRIVATE_URL_TTL": "120",
        },
    )
    public = configured["default"]["OPTIONS"]
    private = configured["private"]["OPTIONS"]

    assert configured["default"]["BACKEND"] == S3_BACKEND
    assert configured["private"]["BACKEND"] == S3_BACKEND
    assert (public["bucket_name"], public["location"]) == ("amaze-media", "public")
    assert (private["bucket_name"], private["location"]) == ("amaze-media", "private")
    assert public["querystring_auth"] is False
    assert public["custom_domain"] == "cdn.amaze.test"
    assert private["querystring_auth"] is True
    assert private["querystring_expire"] == 120
    assert private["custom_domain"] is None
    assert public["file_overwrite"] is False
    assert private["file_overwrite"] is False
    assert public["region_name"] == private["region_name"] == "ap-southeast-3"


def test_settings_separate_private_bucket(monkeypatch):
    configured = storages_for(
        monkeypatch,
        {"AWS_STORAGE_BUCKET_NAME": "amaze-public", "AWS_PRIVATE_STORAGE_BUCKET_NAME": "amaze-private"},
    )

    assert configured["default"]["OPTIONS"]["location"] == ""
    assert configured["private"]["OPTIONS"]["bucket_name"] == "amaze-private"
    assert configured["private"]["OPTIONS"]["location"] == ""


def test_settings_private_bucket_only(monkeypatch):
    configured = storages_for(monkeypatch, {"AWS_PRIVATE_STORAGE_BUCKET_NAME": "amaze-private"})

    assert configured["default"]["BACKEND"] == LOCAL_BACKEND
    assert configured["private"]["BACKEND"] == S3_BACKEND


def test_settings_hold_no_credentials(monkeypatch):
    configured = storages_for(
        monkeypatch,
        {
            "AWS_STORAGE_BUCKET_NAME": "amaze-media",
            "AWS_ACCESS_KEY_ID": "AKIA-EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret-example",
        },
    )

    assert "secret-example" not in repr(configured)
    assert "AKIA-EXAMPLE" not in repr(configured)


@pytest.mark.parametrize(
    "public_location, private_location",
    [("public", ""), ("media", "media/private"), ("", "private"), ("shared", "shared")],
)
def test_settings_overlapping_prefixes_rejected(monkeypatch, public_location, private_location):
    with pytest.raises(ImproperlyConfigured):
        storages_for(
            monkeypatch,
            {
                "AWS_STORAGE_BUCKET_NAME": "amaze-media",
                "AWS_PUBLIC_LOCATION": public_location,
                "AWS_PRIVATE_LOCATION": private_location,
            },
        )


def test_settings_invalid_addressing_style(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ADDRESSING_STYLE"):
        storages_for(monkeypatch, {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ADDRESSING_STYLE": "dns"})


# --- upload and read back ------------------------------------------------------------------


def test_upload_round_trip(media_backend, s3_client_if_s3):
    public_name = media_backend.public.save("original_images/lobby.jpg", ContentFile(b"lobby"))
    private_name = media_backend.private.save("treatment-photos/customer-1/a.jpg", ContentFile(b"face"))

    with media_backend.public.open(public_name) as handle:
        assert handle.read() == b"lobby"
    with media_backend.private.open(private_name) as handle:
        assert handle.read() == b"face"
    if media_backend.kind == "s3":
        keys = {item["Key"] for item in s3_client_if_s3.list_objects_v2(Bucket=media_backend.bucket)["Contents"]}
        assert keys == {f"public/{public_name}", f"private/{private_name}"}


@pytest.fixture
def s3_client_if_s3(request, media_backend):
    if media_backend.kind != "s3":
        return None
    return request.getfixturevalue("s3_client")


def test_same_name_never_overwrites(media_backend):
    for storage in (media_backend.public, media_backend.private):
        first = storage.save("customer-photos/before.jpg", ContentFile(b"customer one"))
        second = storage.save("customer-photos/before.jpg", ContentFile(b"customer two"))

        assert first == "customer-photos/before.jpg"
        assert second != first
        assert second.startswith("customer-photos/before_")
        with storage.open(first) as handle:
            assert handle.read() == b"customer one"
        with storage.open(second) as handle:
            assert handle.read() == b"customer two"


# --- URLs ----------------------------------------------------------------------------------


def test_public_url_shape(media_backend):
    name = media_backend.public.save("original_images/lobby.jpg", ContentFile(b"lobby"))

    url = media_backend.public.url(name)

    if media_backend.kind == "local":
        assert url == "/media/original_images/lobby.jpg"
    else:
        host_and_port = media_backend.server.host_and_port
        assert url == f"http://{host_and_port}/{media_backend.bucket}/public/original_images/lobby.jpg"
        assert "Signature" not in url
        assert "X-Amz" not in url


def test_public_url_with_cdn_domain_makes_no_network_call(monkeypatch, no_network):
    # The endpoint port is closed and every socket connect fails: url() must not need either.
    storage = S3Storage(
        **storages_for(
            monkeypatch,
            {
                "AWS_STORAGE_BUCKET_NAME": "amaze-media",
                "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
                "AWS_S3_CUSTOM_DOMAIN": "cdn.amaze.test",
            },
        )["default"]["OPTIONS"]
    )

    url = storage.url("original_images/lobby 1.jpg")

    assert url == "https://cdn.amaze.test/public/original_images/lobby%201.jpg"


def test_public_url_without_cdn_makes_no_network_call(monkeypatch, no_network):
    # Without a custom domain S3Storage creates its boto3 client, which resolves credentials:
    # from the environment here, as in production (an instance role would be fetched once).
    storage = S3Storage(
        **storages_for(
            monkeypatch,
            {
                "AWS_ACCESS_KEY_ID": "test-access-key",
                "AWS_SECRET_ACCESS_KEY": "test-secret-key",
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_STORAGE_BUCKET_NAME": "amaze-media",
                "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
                "AWS_S3_ADDRESSING_STYLE": "path",
                "AWS_S3_REGION_NAME": S3_REGION,
            },
        )["default"]["OPTIONS"]
    )

    url = storage.url("original_images/lobby.jpg")

    assert url == "http://127.0.0.1:9/amaze-media/public/original_images/lobby.jpg"


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_public_file_served_by_bucket(media_backend):
    name = media_backend.public.save("original_images/lobby.jpg", ContentFile(b"lobby"))

    status, body = fetch(media_backend.public.url(name))

    assert status == 200
    assert body == b"lobby"


def test_private_file_not_public_in_bucket(media_backend):
    name = media_backend.private.save("treatment-photos/customer-1/a.jpg", ContentFile(b"face"))

    if media_backend.kind == "local":
        assert not Path(media_backend.private.path(name)).is_relative_to(Path(media_backend.public.location))
        return
    host_and_port = media_backend.server.host_and_port
    status, body = fetch(f"http://{host_and_port}/{media_backend.bucket}/private/{name}")

    assert status == 403
    assert b"face" not in body


def test_private_storage_urls_are_signed(media_backend):
    name = media_backend.private.save("treatment-photos/customer-1/a.jpg", ContentFile(b"face"))

    if media_backend.kind == "local":
        assert media_backend.private.url(name).startswith("/private-media-has-no-public-url/")
        return
    query = parse_qs(urlsplit(media_backend.private.url(name)).query)

    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query


# --- copy_media_to_s3 ----------------------------------------------------------------------


def write_local_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


@pytest.mark.parametrize("media_backend", ["local"], indirect=True)
def test_copy_media_to_s3_needs_s3(media_backend):
    with pytest.raises(CommandError, match="No S3 storage is configured"):
        call_command("copy_media_to_s3", stdout=io.StringIO())


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_copy_media_to_s3_copies_then_skips(media_backend, tmp_path):
    media_root = tmp_path / "old_media"
    private_root = tmp_path / "old_private"
    write_local_tree(media_root, {"original_images/lobby.jpg": b"lobby", "images/lobby.fill-400x300.jpg": b"r"})
    write_local_tree(private_root, {"treatment-photos/customer-1/a.jpg": b"face"})
    media_backend.public.save("original_images/already.jpg", ContentFile(b"same"))
    write_local_tree(media_root, {"original_images/already.jpg": b"same"})
    arguments = ["--media-root", str(media_root), "--private-media-root", str(private_root)]

    first = io.StringIO()
    call_command("copy_media_to_s3", *arguments, stdout=first)

    assert "public media: 2 copied, 1 already there." in first.getvalue()
    assert "private media: 1 copied, 0 already there." in first.getvalue()
    assert "copied: original_images/lobby.jpg" in first.getvalue()
    with media_backend.private.open("treatment-photos/customer-1/a.jpg") as handle:
        assert handle.read() == b"face"
    with media_backend.public.open("images/lobby.fill-400x300.jpg") as handle:
        assert handle.read() == b"r"

    second = io.StringIO()
    call_command("copy_media_to_s3", *arguments, stdout=second)

    assert "public media: 0 copied, 3 already there." in second.getvalue()
    assert "private media: 0 copied, 1 already there." in second.getvalue()


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_copy_media_to_s3_leaves_differing_file(media_backend, tmp_path):
    media_root = tmp_path / "old_media"
    write_local_tree(media_root, {"original_images/lobby.jpg": b"local version"})
    media_backend.public.save("original_images/lobby.jpg", ContentFile(b"bucket"))
    output = io.StringIO()

    call_command(
        "copy_media_to_s3", "--media-root", str(media_root), "--private-media-root", str(tmp_path / "none"), stdout=output
    )

    assert "1 differing and left unchanged" in output.getvalue()
    with media_backend.public.open("original_images/lobby.jpg") as handle:
        assert handle.read() == b"bucket"


@pytest.mark.parametrize("media_backend", ["s3"], indirect=True)
def test_copy_media_to_s3_dry_run(media_backend, tmp_path):
    media_root = tmp_path / "old_media"
    write_local_tree(media_root, {"original_images/lobby.jpg": b"lobby"})
    output = io.StringIO()

    call_command(
        "copy_media_to_s3",
        "--dry-run",
        "--media-root",
        str(media_root),
        "--private-media-root",
        str(tmp_path / "none"),
        stdout=output,
    )

    assert "public media: 1 would copy, 0 already there." in output.getvalue()
    assert not media_backend.public.exists("original_images/lobby.jpg")


def test_describe_storage(media_backend):
    if media_backend.kind == "s3":
        assert is_s3_storage(media_backend.private)
        assert describe_storage(media_backend.private) == f"s3://{media_backend.bucket}/private"
    else:
        assert not is_s3_storage(media_backend.private)
        assert describe_storage(media_backend.private).startswith("folder ")
