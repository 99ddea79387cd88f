"""Checks and clean-up for uploaded images: site images and customers' treatment photos.

`validate_image_upload` rejects a file with a translated message when it is too big or declares
too many pixels (a decompression bomb). It also rejects files whose content is not JPEG, PNG or
WebP (a renamed PDF, an SVG with script), animated images, and files that cannot be decoded. `strip_image_metadata`
re-encodes an image with its EXIF orientation applied and without EXIF, XMP or comments, so GPS
positions and camera serial numbers do not travel with a customer's photo.
`prepare_customer_photo` does both and is what services call before saving a treatment photo.

Limits come from the settings AMAZE_UPLOAD_MAX_BYTES and AMAZE_UPLOAD_MAX_PIXELS.
"""

import io
import logging
import os
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow format name -> file extension written for it. Only these decoders ever see an upload,
# which also keeps the exotic Pillow plugins away from untrusted bytes.
ALLOWED_IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000

# Re-encoding quality for lossy formats: visually lossless for skin photos at a modest size.
JPEG_QUALITY = 90
WEBP_QUALITY = 90

# Image.info keys that describe how to display the pixels. Everything else (EXIF, XMP, comments,
# PNG text) may contain the place, the device or the person, and is dropped.
KEPT_IMAGE_INFO = ("icc_profile", "transparency", "dpi")


@dataclass(frozen=True)
class ImageUploadInfo:
    """Format and size of an accepted upload, as read from its content."""

    format: str  # Pillow format name, one of ALLOWED_IMAGE_FORMATS
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ALLOWED_IMAGE_FORMATS[self.format]


def max_upload_bytes() -> int:
    return getattr(settings, "AMAZE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_upload_pixels() -> int:
    return getattr(settings, "AMAZE_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


# Numbers in messages are formatted when the message is shown, in the language active then
# (1,000,000 in English, 1.000.000 in Indonesian).
lazy_size = lazy(filesizeformat, str)
lazy_grouped_number = lazy(lambda number: number_format(number, force_grouping=True), str)


def _reject(message, code: str, params: dict | None = None):
    logger.info("Image upload rejected: %s", code)
    return ValidationError(message, code=code, params=params)


def _file_size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is not None:
        return size
    position = upload.tell()
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(position)
    return size


def _rewind(upload) -> None:
    if hasattr(upload, "seek"):
        upload.seek(0)


def _open_image(upload) -> Image.Image:
    """Open `upload` with the allowed decoders only; Pillow reads just the header here."""
    _rewind(upload)
    try:
        return Image.open(upload, formats=list(ALLOWED_IMAGE_FORMATS))
    except Image.DecompressionBombError:
        # Pillow refuses on its own above twice Image.MAX_IMAGE_PIXELS, before we see the size.
        raise _reject(
            _("The image has more than %(max_pixels)s pixels. Resize it and upload it again."),
            "image_too_many_pixels",
            {"max_pixels": lazy_grouped_number(max_upload_pixels())},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _reject(
            _("The file is not a JPEG, PNG or WebP image. Save it in one of these formats and upload it again."),
            "invalid_image_type",
        ) from None


def validate_image_upload(upload) -> ImageUploadInfo | None:
    """Check size, real type, pixel count and integrity of an uploaded image.

    Raises ValidationError with a translated message on the first problem found. Returns what
    the image is, or None for a model field value that was stored earlier (it was checked when
    uploaded, and opening it again would mean downloading it from storage).
    """
    if isinstance(upload, FieldFile) and upload._committed:
        return None

    size = _file_size(upload)
    if size == 0:
        raise _reject(_("The file is empty. Choose the photo again."), "empty_file")
    if size > max_upload_bytes():
        raise _reject(
            _("The file is %(size)s; the maximum is %(max_size)s. Upload a smaller or more compressed image."),
            "file_too_large",
            {"size": lazy_size(size), "max_size": lazy_size(max_upload_bytes())},
        )

    # The context manager, unlike Image.close(), leaves the caller's file open.
    try:
        with _open_image(upload) as image:
            info = _check_opened_image(image)
    finally:
        _rewind(upload)
    return info


def _check_opened_image(image: Image.Image) -> ImageUploadInfo:
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    # Checked before any pixel is decoded; a bomb is a small file whose header declares a huge size.
    if width * height * frames > max_upload_pixels():
        raise _reject(
            _(
                "The image is %(width)s × %(height)s pixels, more than the maximum of "
                "%(max_pixels)s pixels. Resize it and upload it again."
            ),
            "image_too_many_pixels",
            {"width": width, "height": height, "max_pixels": lazy_grouped_number(max_upload_pixels())},
        )
    if frames > 1:
        raise _reject(_("Animated images are not accepted. Upload a still image."), "animated_image")

    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _reject(
            _("The image file is damaged or incomplete. Upload the original file again."),
            "damaged_image",
        ) from None
    return ImageUploadInfo(format=image.format, width=width, height=height)


@deconstructible
class ImageUploadValidator:
    """Model and form field validator running `validate_image_upload`."""

    def __call__(self, value) -> None:
        validate_image_upload(value)

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


def _without_metadata(image: Image.Image) -> Image.Image:
    """Return `image` turned upright by its EXIF orientation, with only display metadata kept."""
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: upright.info[key] for key in KEPT_IMAGE_INFO if key in upright.info}
    return upright


def _encode(image: Image.Image, image_format: str) -> bytes:
    options: dict = {}
    if "icc_profile" in image.info:
        options["icc_profile"] = image.info["icc_profile"]
    if image_format == "JPEG":
        options.update(quality=JPEG_QUALITY)
    elif image_format == "WEBP":
        options.update(quality=WEBP_QUALITY)
    # Pillow writes EXIF, XMP and text chunks only when they are passed in or left in image.info,
    # and _without_metadata removed them from image.info.
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def strip_image_metadata(upload, *, name: str | None = None) -> ContentFile:
    """Re-encode an accepted image upright and without EXIF, XMP or comments.

    Call `validate_image_upload` first. The returned file keeps the stem of `name` (default: the
    upload's name) with the extension of the real format, so a JPEG named photo.png becomes
    photo.jpg.
    """
    try:
        with _open_image(upload) as image:
            image_format = image.format
            image.load()
            content = _encode(_without_metadata(image), image_format)
    finally:
        _rewind(upload)

    original_name = name or getattr(upload, "name", None) or "image"
    stem = PurePath(original_name).stem or "image"
    return ContentFile(content, name=f"{stem}{ALLOWED_IMAGE_FORMATS[image_format]}")


def prepare_customer_photo(upload, *, name: str | None = None) -> ContentFile:
    """Validate a customer's photo and return it without metadata, ready to save to a field.

    Raises ValidationError with a translated message when the upload is rejected.
    """
    validate_image_upload(upload)
    return strip_image_metadata(upload, name=name)
