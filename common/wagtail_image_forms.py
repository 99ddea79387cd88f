"""Wagtail image form with the upload checks of common.uploads (WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail 8.0's WagtailImageField checks the size, the extension and the pixel count. It measures
the pixel count through Willow, which decodes the whole image first. So a bomb is decoded before
it is rejected, and a file whose pixel data is cut short raises OSError (a server error) instead
of a form error. SafeImageField runs `validate_image_upload` before those checks: it reads the
header, checks the pixel count, and only then decodes the image. The form also replaces the
uploaded original by a copy without EXIF or XMP metadata, since originals are public media.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from common.uploads import strip_image_metadata, validate_image_upload


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        if isinstance(data, UploadedFile):
            validate_image_upload(data)
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        generated = self.fields.get("file")
        if generated is not None:
            # Same label, widget and requirement as the field Wagtail generated for the model.
            self.fields["file"] = SafeImageField(
                required=generated.required,
                label=generated.label,
                widget=generated.widget,
                initial=generated.initial,
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # On edit without a new file this is the stored FieldFile, which was cleaned at upload.
        if not isinstance(upload, UploadedFile):
            return upload
        return strip_image_metadata(upload)
