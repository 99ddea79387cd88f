"""Upload checks and metadata stripping for site images and customer photos."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from common.uploads import (
    ImageUploadValidator,
    prepare_customer_photo,
    strip_image_metadata,
    validate_image_upload,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED = (220, 20, 20)
BLUE = (20, 20, 220)


def image_bytes(image_format: str = "JPEG", size=(40, 20), **save_options) -> bytes:
    image = Image.new("RGB", size, RED)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def upload(content: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def phone_photo_with_gps() -> bytes:
    """A 40×20 JPEG, red on the left and blue on the right, stored sideways.

    EXIF orientation 6 means a viewer rotates it 90° clockwise, so upright it is 20×40 with red
    on top. It also carries a GPS position (Jakarta), a camera serial number, XMP and a comment.
    """
    image = Image.new("RGB", (40, 20), BLUE)
    image.paste(RED, (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>6,12.5S</exif:GPSLatitude></x:xmpmeta>'
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=xmp, comment=b"Taken at home", quality=95)
    return buffer.getvalue()


def png_with_declared_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width × height pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def rejection(file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(file)
    return caught.value


def english_message(error: ValidationError) -> str:
    with translation.override("en"):
        return " ".join(error.messages)


# --- accepted uploads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "image_format, name", [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")]
)
def test_allowed_formats_accepted(image_format, name):
    info = validate_image_upload(upload(image_bytes(image_format), name))

    assert info.format == image_format
    assert (info.width, info.height) == (40, 20)


def test_validation_rewinds_file():
    file = upload(image_bytes())

    validate_image_upload(file)

    assert file.tell() == 0


# --- refused uploads -----------------------------------------------------------------------


def test_renamed_pdf_rejected():
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

    error = rejection(upload(pdf, "before.jpg"))

    assert error.code == "invalid_image_type"
    assert "not a JPEG, PNG or WebP image" in english_message(error)


def test_svg_with_script_rejected():
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )

    error = rejection(upload(svg, "logo.png"))

    assert error.code == "invalid_image_type"


def test_gif_rejected():
    error = rejection(upload(image_bytes("GIF"), "photo.gif"))

    assert error.code == "invalid_image_type"


def test_empty_file_rejected():
    error = rejection(upload(b"", "photo.jpg"))

    assert error.code == "empty_file"


def test_file_too_large_rejected(settings):
    settings.AMAZE_UPLOAD_MAX_BYTES = 1000
    content = image_bytes("PNG", size=(200, 200), compress_level=0)

    error = rejection(upload(content, "photo.png"))

    assert error.code == "file_too_large"
    assert "the maximum is 1000" in english_message(error)


def test_declared_pixels_over_setting_rejected(settings):
    settings.AMAZE_UPLOAD_MAX_PIXELS = 1_000_000
    bomb = png_with_declared_size(2000, 1000)

    error = rejection(upload(bomb, "bomb.png"))

    assert error.code == "image_too_many_pixels"
    assert "2000 × 1000 pixels" in english_message(error)
    assert "1,000,000" in english_message(error)
    with translation.override("id"):
        assert "1.000.000" in " ".join(error.messages)


def test_bomb_beyond_pillow_limit_rejected():
    # 100 000 × 100 000 = 10^10 pixels: Pillow itself refuses to open it.
    bomb = png_with_declared_size(100_000, 100_000)

    assert len(bomb) < 200
    error = rejection(upload(bomb, "bomb.png"))

    assert error.code == "image_too_many_pixels"


def test_truncated_image_rejected():
    content = image_bytes("JPEG", size=(400, 400))

    error = rejection(upload(content[: len(content) // 2], "cut.jpg"))

    assert error.code == "damaged_image"
    assert "damaged or incomplete" in english_message(error)


def test_animated_image_rejected():
    frames = [Image.new("RGB", (10, 10), color) for color in (RED, BLUE)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])

    error = rejection(upload(buffer.getvalue(), "anim.png"))

    assert error.code == "animated_image"


REFUSED_UPLOADS = [
    ("invalid_image_type", b"not an image", "x.jpg"),
    ("empty_file", b"", "x.jpg"),
    ("image_too_many_pixels", png_with_declared_size(9000, 9000), "bomb.png"),
    ("image_too_many_pixels", png_with_declared_size(100_000, 100_000), "bomb.png"),
    ("damaged_image", png_with_declared_size(300, 300), "cut.png"),
]


@pytest.mark.parametrize("code, content, name", REFUSED_UPLOADS)
def test_refusal_message_in_indonesian(code, content, name):
    error = rejection(upload(content, name))

    with translation.override("en"):
        english = " ".join(error.messages)
    with translation.override("id"):
        indonesian = " ".join(error.messages)

    assert error.code == code
    # The message is looked up when shown, in the active language; Indonesian is the default.
    assert english
    assert indonesian != english


def test_model_validator_skips_stored_files(settings):
    validator = ImageUploadValidator()
    validator(upload(image_bytes()))

    with pytest.raises(ValidationError):
        validator(upload(b"%PDF-1.4", "x.jpg"))
    assert ImageUploadValidator() == validator


# --- metadata and orientation --------------------------------------------------------------


def test_exif_gps_removed_and_orientation_applied():
    original = phone_photo_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(GPS_IFD)  # the fixture really carries GPS

    cleaned = prepare_customer_photo(upload(original, "IMG_0001.JPG"))

    with Image.open(io.BytesIO(cleaned.read())) as result:
        exif = result.getexif()
        assert result.format == "JPEG"
        assert result.size == (20, 40)
        assert not exif.get_ifd(GPS_IFD)
        assert ORIENTATION not in exif
        assert len(exif) == 0
        assert "exif" not in result.info
        assert "xmp" not in result.info
        assert "comment" not in result.info
        top = result.getpixel((10, 5))
        bottom = result.getpixel((10, 35))
    # Red on top and blue at the bottom; JPEG shifts the values a little.
    assert top[0] > 180
    assert top[2] < 80
    assert bottom[2] > 180
    assert bottom[0] < 80
    assert b"SERIAL-12345" not in cleaned.read()
    assert cleaned.name == "IMG_0001.jpg"


def test_png_text_and_exif_removed():
    image = Image.new("RGBA", (16, 16), (*RED, 128))
    text = PngImagePlugin.PngInfo()
    text.add_text("Location", "Jl. Sudirman, Jakarta")
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 12.0, 30.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=text, exif=exif)

    cleaned = prepare_customer_photo(upload(buffer.getvalue(), "scan.png"))

    content = cleaned.read()
    assert b"Sudirman" not in content
    with Image.open(io.BytesIO(content)) as result:
        assert result.mode == "RGBA"
        assert result.getpixel((3, 3))[3] == 128
        assert "Location" not in result.info
        assert not result.getexif().get_ifd(GPS_IFD)


def test_webp_exif_removed():
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 12.0, 30.0)})
    content = image_bytes("WEBP", exif=exif)

    cleaned = strip_image_metadata(upload(content, "photo.webp"))

    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == "WEBP"
        assert not result.getexif().get_ifd(GPS_IFD)


def test_extension_follows_real_format():
    cleaned = prepare_customer_photo(upload(image_bytes("PNG"), "photo.jpg"))

    assert cleaned.name == "photo.png"


def test_icc_profile_kept():
    profile = b"\x00" * 128 + b"fake-icc-profile"
    content = image_bytes("JPEG", icc_profile=profile)

    cleaned = strip_image_metadata(upload(content, "photo.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.info.get("icc_profile") == profile


# --- Wagtail image uploads -----------------------------------------------------------------


@pytest.fixture
def wagtail_image_form(django_user_model):
    image_model = get_image_model()
    user = django_user_model.objects.filter(is_superuser=True).first()
    form_class = get_image_form(image_model)

    def build(content: bytes, name: str):
        return form_class(
            data={"title": "Lobby", "collection": Collection.get_first_root_node().pk},
            files={"file": upload(content, name)},
            user=user,
        )

    return build


@pytest.mark.django_db
def test_wagtail_upload_stripped(wagtail_image_form, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    form = wagtail_image_form(phone_photo_with_gps(), "lobby.jpg")

    assert form.is_valid(), form.errors
    image = form.save()

    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif().get_ifd(GPS_IFD)
        assert stored.size == (20, 40)
    assert (image.width, image.height) == (20, 40)


def file_error_codes(form) -> list[str]:
    return [error.code for error in form.errors.as_data()["file"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, name, expected_code",
    [
        (b"%PDF-1.4\n%%EOF\n", "lobby.jpg", "invalid_image_type"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg", "invalid_image_type"),
        (png_with_declared_size(9000, 9000), "bomb.png", "image_too_many_pixels"),
        (image_bytes("GIF"), "photo.gif", "invalid_image_type"),
        # Wagtail's own check decodes this through Willow and raised OSError (a server error).
        (png_with_declared_size(300, 300), "cut.png", "damaged_image"),
    ],
)
def test_wagtail_upload_rejected(wagtail_image_form, content, name, expected_code):
    form = wagtail_image_form(content, name)

    assert not form.is_valid()
    assert file_error_codes(form) == [expected_code]


@pytest.mark.django_db
def test_wagtail_rejects_animated(wagtail_image_form):
    frames = [Image.new("RGB", (10, 10), color) for color in (RED, BLUE)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="WEBP", save_all=True, append_images=frames[1:])

    form = wagtail_image_form(buffer.getvalue(), "anim.webp")

    assert not form.is_valid()
    assert file_error_codes(form) == ["animated_image"]


@pytest.mark.django_db
def test_wagtail_extension_must_match_content(wagtail_image_form):
    form = wagtail_image_form(image_bytes("PNG"), "lobby.jpg")

    assert not form.is_valid()
    assert file_error_codes(form) == ["invalid_image_known_format"]


@pytest.mark.django_db
def test_wagtail_edit_without_new_file(wagtail_image_form, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    created = wagtail_image_form(image_bytes(), "lobby.jpg")
    assert created.is_valid(), created.errors
    image = created.save()
    form_class = get_image_form(get_image_model())

    edit = form_class(
        data={"title": "Lobby, renamed", "collection": image.collection_id},
        files={},
        instance=image,
        user=django_user_model.objects.filter(is_superuser=True).first(),
    )

    assert edit.is_valid(), edit.errors
    assert edit.save().file.name == image.file.name


def test_content_file_accepted():
    info = validate_image_upload(ContentFile(image_bytes("PNG"), name="x.png"))

    assert info.format == "PNG"
