"""Forms of the customer pages. They check the shape of the input; the API checks the rules.

Errors the API returns (`{field code message}`) are put on the matching form field by
`add_api_errors`, so they show next to the field in the page's language.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")

SEX_CHOICES = [("", _("Prefer not to say")), ("female", _("Female")), ("male", _("Male"))]
SKIN_TYPE_CHOICES = [
    ("", _("Not sure")),
    ("normal", _("Normal")),
    ("dry", _("Dry")),
    ("oily", _("Oily")),
    ("combination", _("Combination")),
    ("sensitive", _("Sensitive")),
]
RATING_CHOICES = [(str(value), f"{value} ★") for value in range(5, 0, -1)]


def snake_case(name: str) -> str:
    """`voucherCode` → `voucher_code`, the form field that shows the API's error."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


class ApiErrorsMixin:
    # API field names (snake_case of the camelCase field) that this form shows under another name.
    api_field_aliases: dict[str, str] = {}

    def add_error(self, field, error):
        super().add_error(field, error)
        # Screen readers read the error with the field: point the input at the error's id.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                auto_id = self[name].auto_id
                described_by = [f"{auto_id}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"{auto_id}_helptext")
                attrs["aria-describedby"] = " ".join(described_by)

    def add_api_errors(self, errors: list[dict]) -> None:
        """Show each API error next to its field, or above the form when it names no field of ours."""
        for api_error in errors:
            name = snake_case(api_error.get("field") or "")
            name = self.api_field_aliases.get(name, name)
            self.add_error(name if name in self.fields else None, api_error["message"])


class RegisterForm(ApiErrorsMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        help_text=_("For example 0812 3456 7890."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters; not only numbers."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    marketing_consent = forms.BooleanField(
        label=_("Send me news and promotions by WhatsApp or e-mail."), required=False
    )
    photo_consent = forms.BooleanField(
        label=_("The clinic may take before and after photos of my treatments for my record."), required=False
    )


class SignInForm(ApiErrorsMixin, forms.Form):
    username = forms.CharField(
        label=_("E-mail or mobile number"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ProfileForm(ApiErrorsMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("Mobile number"), max_length=32, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=SEX_CHOICES, required=False)
    skin_type = forms.ChoiceField(label=_("Skin type"), choices=SKIN_TYPE_CHOICES, required=False)
    allergies = forms.CharField(
        label=_("Allergies"),
        required=False,
        max_length=1000,
        help_text=_("Medicines, cosmetics or ingredients your skin reacts to."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    marketing_consent = forms.BooleanField(
        label=_("Send me news and promotions by WhatsApp or e-mail."), required=False
    )
    photo_consent = forms.BooleanField(
        label=_("The clinic may take before and after photos of my treatments for my record."), required=False
    )

    def profile_input(self) -> dict:
        data = self.cleaned_data
        return {
            "fullName": data["full_name"],
            "phone": data["phone"],
            "email": data["email"],
            "birthDate": data["birth_date"].isoformat() if data["birth_date"] else None,
            "sex": data["sex"],
            "skinType": data["skin_type"],
            "allergies": data["allergies"],
        }


class VoucherForm(ApiErrorsMixin, forms.Form):
    voucher_code = forms.CharField(
        label=_("Voucher code"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    notes = forms.CharField(label=_("Notes for the clinic"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    api_field_aliases = {"code": "voucher_code"}


class TestimonialForm(ApiErrorsMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("5 is excellent, 1 is poor."),
    )
    text = forms.CharField(
        label=_("Your experience"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000})
    )
    display_name = forms.CharField(
        label=_("Name to show"),
        max_length=80,
        help_text=_("Initials are fine, for example R. A."),
    )
    consent_to_publish = forms.BooleanField(
        label=_("I agree that Amaze Skin Care may publish this testimonial on its website."),
        required=False,
        help_text=_("Without this, only the clinic team reads it."),
    )
