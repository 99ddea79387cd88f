from django import forms
from django.utils.translation import gettext_lazy as _

from common.money import format_rupiah
from crm.admin_views.customer_chooser import CustomerChooserWidget
from crm.models import Customer, OrderStatus, PaymentMethod, Product

# Blank rows offered on a new order; staff leave unused rows empty.
ORDER_FORM_ROWS = 4


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, product):
        return f"{product.name} ({product.sku}), {format_rupiah(product.price)}, {product.stock}"


class OrderForm(forms.Form):
    customer = forms.ModelChoiceField(queryset=Customer.objects.all(), label=_("Customer"), widget=CustomerChooserWidget())
    payment_method = forms.ChoiceField(
        choices=[("", _("Not paid yet")), *PaymentMethod.choices],
        required=False,
        label=_("Payment method"),
        help_text=_("Choose it when the customer pays now; the order is then marked as paid."),
    )
    voucher_code = forms.CharField(max_length=40, required=False, label=_("Voucher code"))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Notes"))


class OrderLineForm(forms.Form):
    product = ProductChoiceField(
        queryset=Product.objects.none(),
        required=False,
        label=_("Product"),
        empty_label="—",
    )
    quantity = forms.IntegerField(min_value=1, max_value=999, required=False, initial=1, label=_("Quantity"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive products are not offered; the service rejects them anyway.
        self.fields["product"].queryset = Product.objects.filter(is_active=True).order_by("name")


class BaseOrderLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[tuple[int, int]]:
        """Return (product id, quantity) of the filled rows; the service merges and checks them."""
        return [
            (form.cleaned_data["product"].pk, form.cleaned_data.get("quantity") or 1)
            for form in self.forms
            if form.cleaned_data.get("product")
        ]


OrderLineFormSet = forms.formset_factory(OrderLineForm, formset=BaseOrderLineFormSet, extra=ORDER_FORM_ROWS, max_num=20)


class OrderStatusForm(forms.Form):
    status = forms.ChoiceField(choices=OrderStatus.choices, label=_("New status"))
    payment_method = forms.ChoiceField(
        choices=[("", "—"), *PaymentMethod.choices], required=False, label=_("Payment method")
    )
    note = forms.CharField(max_length=255, required=False, label=_("Note"))
