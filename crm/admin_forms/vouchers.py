from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from crm.admin_views.customer_chooser import CustomerChooserWidget
from crm.models import Customer, VoucherKind, VoucherScope

ISSUE_FIELDS = (
    "code",
    "description",
    "kind",
    "percent",
    "amount",
    "max_discount",
    "scope",
    "min_spend",
    "valid_from",
    "valid_until",
    "usage_limit",
    "per_customer_limit",
    "owner",
)


class VoucherForm(forms.Form):
    """A new voucher; amounts and limits are checked by crm.services.vouchers.issue_voucher."""

    code = forms.CharField(
        max_length=40,
        required=False,
        label=_("Code"),
        help_text=_("Letters, digits and dashes; leave empty to generate one. Case does not matter."),
    )
    description = forms.CharField(max_length=255, required=False, label=_("Description"))
    kind = forms.ChoiceField(choices=VoucherKind.choices, label=_("Kind"))
    percent = forms.DecimalField(required=False, label=_("Discount (%)"), help_text=_("For a percent voucher."))
    amount = forms.DecimalField(required=False, label=_("Discount (Rp)"), help_text=_("For a fixed-amount voucher."))
    max_discount = forms.DecimalField(
        required=False, label=_("Maximum discount (Rp)"), help_text=_("Upper limit of a percent discount; empty for none.")
    )
    scope = forms.ChoiceField(choices=VoucherScope.choices, initial=VoucherScope.ALL, label=_("Applies to"))
    min_spend = forms.DecimalField(
        required=False,
        initial=0,
        label=_("Minimum spend (Rp)"),
        help_text=_("Compared with the eligible amount after promotion discounts."),
    )
    valid_from = forms.DateField(
        required=False, label=_("Valid from"), widget=AdminDateInput(), help_text=_("Empty for today.")
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=AdminDateInput(), help_text=_("The last day it can be used.")
    )
    usage_limit = forms.IntegerField(required=False, label=_("Total use limit"), help_text=_("Empty for no limit."))
    per_customer_limit = forms.IntegerField(
        required=False, initial=1, label=_("Uses per customer"), help_text=_("Empty for no limit.")
    )
    owner = forms.ModelChoiceField(
        queryset=Customer.objects.all(),
        required=False,
        label=_("Personal voucher for"),
        widget=CustomerChooserWidget(),
        help_text=_("Only this customer may use it, e.g. a birthday voucher. Empty for everyone."),
    )

    def issue_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ISSUE_FIELDS}
        data["min_spend"] = data["min_spend"] if data["min_spend"] is not None else 0
        return data
