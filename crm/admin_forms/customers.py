from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from crm.models import Sex, SkinType

# Fields sent to crm.services.customers.register_customer / update_customer as they are.
PROFILE_FIELDS = ("full_name", "phone", "email", "birth_date", "sex", "skin_type", "allergies", "notes")


class CustomerForm(forms.Form):
    """A customer's profile; the phone number is parsed and checked by the service."""

    full_name = forms.CharField(max_length=150, label=_("Full name"))
    phone = forms.CharField(
        max_length=40,
        label=_("Phone"),
        help_text=_("Any common spelling works: 0812 3456 7890, +62 812 3456 7890 or 62812…"),
    )
    email = forms.CharField(max_length=254, required=False, label=_("E-mail"))
    birth_date = forms.DateField(required=False, label=_("Birth date"), widget=AdminDateInput())
    sex = forms.ChoiceField(choices=[("", "—"), *Sex.choices], required=False, label=_("Sex"))
    skin_type = forms.ChoiceField(choices=[("", "—"), *SkinType.choices], required=False, label=_("Skin type"))
    allergies = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Allergies"))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Notes"))
    marketing_consent = forms.BooleanField(
        required=False,
        label=_("Consents to marketing"),
        help_text=_("Tick only when the customer agreed today; the time is recorded."),
    )
    photo_consent = forms.BooleanField(
        required=False,
        label=_("Consents to photo use"),
        help_text=_("Needed before before/after photos can be added to their treatment records."),
    )

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}

    def changed_profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.changed_data}


class CustomerConsentForm(forms.Form):
    marketing_consent = forms.BooleanField(required=False, label=_("Consents to marketing"))
    photo_consent = forms.BooleanField(required=False, label=_("Consents to photo use"))
