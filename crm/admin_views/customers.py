"""Customers: search by name or phone, the profile with its history, registering and editing."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusFlagColumn, Table, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets.button import HeaderButton

from crm.admin_forms import CustomerForm
from crm.admin_views.base import ServiceFormView, StaffScreenMixin, StaffTemplateView
from crm.admin_views.columns import ChoiceStatusColumn, LocalDateColumn, LocalDateTimeColumn, RupiahColumn, local_datetime
from crm.admin_views.display import format_phone, staff_name
from crm.models import Customer
from crm.permissions import (
    can_edit_customers,
    can_place_orders,
    can_register_customers,
    can_take_queue_numbers,
    can_view_customers,
    can_view_orders,
    can_view_treatment_records,
    can_view_vouchers,
    can_write_treatment_records,
)
from crm.selectors import customer_orders, customer_records, customer_tickets, customer_vouchers, search_customers
from crm.services import register_customer, set_customer_consents, update_customer

# Rows of each history table on the profile; older rows are reached through the listings.
PROFILE_HISTORY_ROWS = 20


def customers_breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("crm_admin:customer_list"), "label": _("Customers")},
        *items,
    ]


TICKET_COLUMNS = [
    LocalDateColumn("service_date", label=gettext_lazy("Date")),
    Column("number", label=gettext_lazy("Number"), accessor="display_number"),
    Column("service_name", label=gettext_lazy("Service")),
    Column("room", label=gettext_lazy("Room"), accessor="room.name"),
    ChoiceStatusColumn("status", label=gettext_lazy("Status")),
]
RECORD_COLUMNS = [
    TitleColumn(
        "performed_at",
        label=gettext_lazy("Date and time"),
        accessor=lambda record: local_datetime(record.performed_at),
        url_name="crm_admin:record_detail",
    ),
    Column("service_name", label=gettext_lazy("Service")),
    Column("practitioner", label=gettext_lazy("Practitioner"), accessor=lambda record: staff_name(record.practitioner)),
    StatusFlagColumn(
        "is_signed", label=gettext_lazy("Signature"), true_label=gettext_lazy("Signed"), false_label=gettext_lazy("Draft")
    ),
]
ORDER_COLUMNS = [
    TitleColumn("number", label=gettext_lazy("Number"), url_name="crm_admin:order_detail"),
    LocalDateTimeColumn("placed_at", label=gettext_lazy("Placed at")),
    Column(
        "items",
        label=gettext_lazy("Products"),
        accessor=lambda order: ", ".join(str(item) for item in order.items.all()),
    ),
    ChoiceStatusColumn("status", label=gettext_lazy("Status")),
    RupiahColumn("total", label=gettext_lazy("Total")),
]
VOUCHER_USE_COLUMNS = [
    Column("code", label=gettext_lazy("Code"), accessor="voucher.code"),
    LocalDateTimeColumn("redeemed_at", label=gettext_lazy("Redeemed at")),
    RupiahColumn("discount_amount", label=gettext_lazy("Discount")),
    Column(
        "target",
        label=gettext_lazy("Used on"),
        accessor=lambda redemption: redemption.order.number if redemption.order_id else redemption.ticket.display_number,
    ),
]


class CustomerListView(StaffScreenMixin, BaseListingView):
    permission_test = can_view_customers
    denied_action = gettext_lazy("view customers")
    page_title = gettext_lazy("Customers")
    header_icon = "group"
    is_searchable = True
    index_url_name = "crm_admin:customer_list"
    index_results_url_name = "crm_admin:customer_list_results"
    paginate_by = 25
    default_ordering = "full_name"
    verbose_name_plural = gettext_lazy("customers")
    columns = [
        TitleColumn("full_name", label=gettext_lazy("Name"), url_name="crm_admin:customer_detail", sort_key="full_name"),
        Column("phone", label=gettext_lazy("Phone"), accessor=lambda customer: format_phone(customer.phone)),
        Column("member_code", label=gettext_lazy("Member code")),
        Column("email", label=gettext_lazy("E-mail")),
        BooleanColumn("photo_consent", label=gettext_lazy("Photo consent")),
        LocalDateColumn("created_at", label=gettext_lazy("Registered"), sort_key="created_at"),
    ]

    def get_search_form(self):
        form = super().get_search_form()
        form.fields["q"].widget.attrs["placeholder"] = _("Name, phone or member code")
        return form

    def get_queryset(self):
        if self.is_searching:
            # The search matches 0812…, +62 812… and 62812… against the stored +62812….
            return search_customers(query=self.search_query)
        return super().get_queryset()

    def get_base_queryset(self):
        return Customer.objects.all()

    @cached_property
    def header_buttons(self):
        if not can_register_customers(self.request.user):
            return []
        return [HeaderButton(_("Register customer"), url=reverse("crm_admin:customer_add"), icon_name="plus")]


class CustomerDetailView(StaffTemplateView):
    """A customer's profile with tickets, records, orders and vouchers, as far as the role allows."""

    permission_test = can_view_customers
    denied_action = gettext_lazy("view customers")
    template_name = "crm/admin/customers/detail.html"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.customer.full_name

    def get_breadcrumbs_items(self):
        return customers_breadcrumbs({"url": "", "label": self.customer.full_name})

    @cached_property
    def header_buttons(self):
        user, pk = self.request.user, self.customer.pk
        buttons = []
        if can_edit_customers(user):
            buttons.append(HeaderButton(_("Edit"), url=reverse("crm_admin:customer_edit", args=(pk,)), icon_name="edit"))
        if can_take_queue_numbers(user):
            url = reverse("crm_admin:queue_desk") + f"?customer={pk}"
            buttons.append(HeaderButton(_("Take a number"), url=url, icon_name="list-ol"))
        if can_place_orders(user):
            url = reverse("crm_admin:order_add") + f"?customer={pk}"
            buttons.append(HeaderButton(_("New order"), url=url, icon_name="form"))
        if can_write_treatment_records(user):
            url = reverse("crm_admin:record_add") + f"?customer={pk}"
            buttons.append(HeaderButton(_("New treatment record"), url=url, icon_name="clipboard-list"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, customer = self.request.user, self.customer
        sections = [
            {
                "id": "tickets",
                "heading": _("Queue tickets"),
                "icon": "list-ol",
                "table": Table(TICKET_COLUMNS, list(customer_tickets(customer)[:PROFILE_HISTORY_ROWS])),
                "empty_text": _("No queue tickets yet."),
            }
        ]
        if can_view_treatment_records(user):
            records = list(customer_records(user, customer)[:PROFILE_HISTORY_ROWS])
            sections.append(
                {
                    "id": "records",
                    "heading": _("Treatment records"),
                    "icon": "clipboard-list",
                    "table": Table(RECORD_COLUMNS, records),
                    "empty_text": _("No treatment records you may open."),
                }
            )
        if can_view_orders(user):
            orders = list(customer_orders(customer)[:PROFILE_HISTORY_ROWS])
            sections.append(
                {
                    "id": "orders",
                    "heading": _("Orders"),
                    "icon": "form",
                    "table": Table(ORDER_COLUMNS, orders),
                    "empty_text": _("No orders yet."),
                }
            )
        context.update(customer=customer, phone=format_phone(customer.phone), sections=sections)
        if can_view_vouchers(user):
            vouchers = customer_vouchers(customer)
            context["vouchers"] = vouchers
            context["voucher_uses_table"] = Table(VOUCHER_USE_COLUMNS, vouchers.used)
        return context


class CustomerCreateView(ServiceFormView):
    permission_test = can_register_customers
    denied_action = gettext_lazy("register customers")
    form_class = CustomerForm
    page_title = gettext_lazy("Register customer")
    header_icon = "user"
    submit_button_label = gettext_lazy("Register")
    submit_button_active_label = gettext_lazy("Registering…")
    error_message = gettext_lazy("The customer was not registered; check the fields marked below.")

    def get_breadcrumbs_items(self):
        return customers_breadcrumbs({"url": "", "label": self.page_title})

    def perform(self, form):
        customer = register_customer(
            actor=self.request.user,
            **form.profile_data(),
            marketing_consent=form.cleaned_data["marketing_consent"],
            photo_consent=form.cleaned_data["photo_consent"],
        )
        self.success_message = _("Customer %(name)s registered with member code %(code)s.") % {
            "name": customer.full_name,
            "code": customer.member_code,
        }
        return reverse("crm_admin:customer_detail", args=(customer.pk,))


class CustomerEditView(ServiceFormView):
    permission_test = can_edit_customers
    denied_action = gettext_lazy("change this customer")
    form_class = CustomerForm
    header_icon = "user"
    submit_button_label = gettext_lazy("Save")
    submit_button_active_label = gettext_lazy("Saving…")
    error_message = gettext_lazy("The customer was not saved; check the fields marked below.")

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Edit %(name)s") % {"name": self.customer.full_name}

    def get_breadcrumbs_items(self):
        return customers_breadcrumbs(
            {"url": reverse("crm_admin:customer_detail", args=(self.customer.pk,)), "label": self.customer.full_name},
            {"url": "", "label": _("Edit")},
        )

    def get_initial(self):
        customer = self.customer
        return {
            "full_name": customer.full_name,
            "phone": format_phone(customer.phone),
            "email": customer.email,
            "birth_date": customer.birth_date,
            "sex": customer.sex,
            "skin_type": customer.skin_type,
            "allergies": customer.allergies,
            "notes": customer.notes,
            "marketing_consent": customer.marketing_consent,
            "photo_consent": customer.photo_consent,
        }

    def perform(self, form):
        changes = form.changed_profile_data()
        consents_changed = {"marketing_consent", "photo_consent"} & set(form.changed_data)
        # Both calls or neither: a rejected phone number must not leave new consents behind.
        customer = self.customer
        with transaction.atomic():
            if changes:
                customer = update_customer(actor=self.request.user, customer=customer, **changes)
            if consents_changed:
                customer = set_customer_consents(
                    actor=self.request.user,
                    customer=customer,
                    marketing_consent=form.cleaned_data["marketing_consent"],
                    photo_consent=form.cleaned_data["photo_consent"],
                )
        if changes or consents_changed:
            self.success_message = _("Customer %(name)s saved.") % {"name": customer.full_name}
        else:
            self.success_message = _("Nothing was changed.")
        return reverse("crm_admin:customer_detail", args=(self.customer.pk,))
