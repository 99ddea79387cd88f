"""A chooser modal for customers, searched by name, phone or member code.

Forms of the queue desk, orders and vouchers pick a customer through it, so front desk can
find "0812 3456 7890" although the number is stored as +6281234567890.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.views.generic import chooser as chooser_views

from crm.models import Customer
from crm.permissions import can_view_customers
from crm.selectors import search_customers


class CustomerSearchForm(BaseFilterForm):
    # The chooser's script searches as staff type in the input with id "id_q".
    q = forms.CharField(
        label=_("Name, phone or member code"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Siti or 0812 3456 7890")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        return search_customers(query=query)


class CustomerChooserPermissionMixin:
    """Customers' contact data is personal; only roles that may view customers open the chooser."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_customers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CustomerChooseViewMixin:
    filter_form_class = CustomerSearchForm
    ordering = ["full_name", "pk"]

    @property
    def columns(self):
        return [
            TitleColumn(
                "full_name",
                label=_("Name"),
                get_url=lambda customer: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(customer.pk,))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("phone", label=_("Phone"), accessor=lambda customer: customer.phone.as_international),
            Column("member_code", label=_("Member code")),
        ]


class CustomerChooseView(CustomerChooserPermissionMixin, CustomerChooseViewMixin, chooser_views.ChooseView):
    pass


class CustomerChooseResultsView(
    CustomerChooserPermissionMixin, CustomerChooseViewMixin, chooser_views.ChooseResultsView
):
    pass


class CustomerChosenView(CustomerChooserPermissionMixin, chooser_views.ChosenView):
    def get_edit_item_url(self, instance):
        return reverse("crm_admin:customer_detail", args=(instance.pk,))


class CustomerChooserViewSet(ChooserViewSet):
    model = Customer
    icon = "user"
    choose_one_text = _("Choose a customer")
    choose_another_text = _("Choose another customer")
    edit_item_text = _("Open profile")
    choose_view_class = CustomerChooseView
    choose_results_view_class = CustomerChooseResultsView
    chosen_view_class = CustomerChosenView
    # Only the clinic's own forms use this widget; other ForeignKeys to Customer keep theirs.
    register_widget = False
    per_page = 20


customer_chooser_viewset = CustomerChooserViewSet("crm_customer_chooser", url_prefix="clinic/customer-chooser")
CustomerChooserWidget = customer_chooser_viewset.widget_class


class CustomerAdminURLFinder(ModelAdminURLFinder):
    """Link a customer to their profile screen wherever Wagtail shows an "edit" link."""

    def get_edit_url(self, instance):
        if self.user is not None and not can_view_customers(self.user):
            return None
        return reverse("crm_admin:customer_detail", args=(instance.pk,))
