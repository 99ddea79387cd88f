from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from cms.models import ServicePage
from crm.admin_views.customer_chooser import CustomerChooserWidget
from crm.models import Customer, PhotoKind

# The clinical fields staff write; the same names as the service's editable fields.
CLINICAL_FIELDS = ("complaint", "skin_assessment", "treatment_performed", "products_used", "advice", "next_visit_on")
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


def _text(label, rows=3, help_text=""):
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows}), required=False, label=label, help_text=help_text
    )


def _photo(label):
    # A plain FileField: the service checks that the file is a real JPEG, PNG or WebP image.
    return forms.FileField(required=False, label=label, widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}))


class ClinicalFieldsForm(forms.Form):
    performed_at = forms.DateTimeField(
        required=False,
        label=_("Date and time"),
        widget=AdminDateTimeInput(),
        help_text=_("Leave empty for now."),
    )
    complaint = _text(_("Complaint"))
    skin_assessment = _text(_("Skin assessment"))
    treatment_performed = _text(_("Treatment performed"), rows=4, help_text=_("Required before signing."))
    products_used = _text(_("Products used"), rows=2)
    advice = _text(_("Advice"))
    next_visit_on = forms.DateField(required=False, label=_("Suggested next visit"), widget=AdminDateInput())

    def clinical_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in CLINICAL_FIELDS}


class TreatmentRecordForm(ClinicalFieldsForm):
    """A new draft record; customer and service come from the queue ticket when there is one."""

    customer = forms.ModelChoiceField(
        queryset=Customer.objects.all(), required=False, label=_("Customer"), widget=CustomerChooserWidget()
    )
    service = forms.ModelChoiceField(
        queryset=ServicePage.objects.none(),
        required=False,
        label=_("Service"),
        help_text=_("Taken from the queue ticket when the record is written for one."),
    )
    before_photo = _photo(_("Before photo"))
    after_photo = _photo(_("After photo"))

    field_order = ["customer", "service", "performed_at", *CLINICAL_FIELDS, "before_photo", "after_photo"]

    def __init__(self, *args, ticket=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = ServicePage.objects.live().order_by("title")
        if ticket is not None:
            # Both come from the ticket; showing them as inputs would suggest they can differ.
            del self.fields["customer"]
            del self.fields["service"]

    def clean(self):
        cleaned_data = super().clean()
        if "customer" in self.fields and not cleaned_data.get("customer"):
            self.add_error("customer", _("Choose the customer who was treated."))
        return cleaned_data

    def photos(self) -> list[tuple[str, object]]:
        pairs = [
            (PhotoKind.BEFORE, self.cleaned_data.get("before_photo")),
            (PhotoKind.AFTER, self.cleaned_data.get("after_photo")),
        ]
        return [(kind, upload) for kind, upload in pairs if upload]


class TreatmentRecordEditForm(ClinicalFieldsForm):
    """Changes to an unsigned record; only the fields staff changed are sent to the service."""

    def changed_clinical_data(self) -> dict:
        names = [name for name in ("performed_at", *CLINICAL_FIELDS) if name in self.changed_data]
        data = {name: self.cleaned_data[name] for name in names}
        if "performed_at" in data and data["performed_at"] is None:
            # An emptied date keeps the stored one; a record always has a treatment time.
            del data["performed_at"]
        return data


class AddendumForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Addendum"),
        help_text=_("A correction or follow-up; the signed text above stays unchanged."),
    )


class TreatmentPhotoForm(forms.Form):
    kind = forms.ChoiceField(choices=PhotoKind.choices, label=_("Kind"))
    image = _photo(_("Photo"))
    caption = forms.CharField(max_length=200, required=False, label=_("Caption"))
