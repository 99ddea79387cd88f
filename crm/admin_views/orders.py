"""Product orders (pemesanan produk): listing, selling in the clinic, status changes, cancelling."""

import django_filters
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets.button import HeaderButton

from common.money import format_rupiah
from crm.admin_forms import OrderForm, OrderLineFormSet, OrderStatusForm
from crm.admin_views.base import BranchMixin, ServiceActionView, StaffScreenMixin, reject_request, show_rejection
from crm.admin_views.columns import ChoiceStatusColumn, LocalDateTimeColumn, RupiahColumn
from crm.admin_views.display import staff_name
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer, Order, OrderChannel, OrderStatus
from crm.permissions import can_change_orders, can_place_orders, can_view_orders
from crm.selectors import branch_orders
from crm.services import cancel_order, place_order, quote_order, set_order_status
from crm.services.orders import ALLOWED_TRANSITIONS

# Statuses drawn as primary tags: orders someone still has to act on.
OPEN_ORDER_STATUSES = (OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.READY)


ITEM_COLUMNS = [
    Column("product_name", label=gettext_lazy("Product")),
    Column("product_sku", label=gettext_lazy("SKU")),
    RupiahColumn("unit_price", label=gettext_lazy("Unit price")),
    Column("quantity", label=gettext_lazy("Quantity")),
    RupiahColumn("line_subtotal", label=gettext_lazy("Subtotal")),
    Column("promotion_title", label=gettext_lazy("Promotion")),
    RupiahColumn("promotion_discount", label=gettext_lazy("Promotion discount")),
]
HISTORY_COLUMNS = [
    LocalDateTimeColumn("changed_at", label=gettext_lazy("Changed at")),
    Column("from_status", label=gettext_lazy("From"), accessor="get_from_status_display"),
    Column("to_status", label=gettext_lazy("To"), accessor="get_to_status_display"),
    Column("changed_by", label=gettext_lazy("By"), accessor=lambda change: staff_name(change.changed_by)),
    Column("note", label=gettext_lazy("Note")),
]


def order_totals(order: Order) -> list[tuple[str, str]]:
    voucher_label = _("Voucher discount")
    if order.voucher_id:
        voucher_label = _("Voucher discount (%(code)s)") % {"code": order.voucher.code}
    return [
        (_("Subtotal"), format_rupiah(order.subtotal)),
        (_("Promotion discount"), f"−{format_rupiah(order.promotion_discount)}"),
        (voucher_label, f"−{format_rupiah(order.voucher_discount)}"),
        (_("Total"), format_rupiah(order.total)),
    ]


def orders_breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("crm_admin:order_list"), "label": _("Orders")},
        *items,
    ]


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=OrderStatus.choices, label=gettext_lazy("Status"), empty_label=gettext_lazy("All")
    )
    channel = django_filters.ChoiceFilter(
        choices=OrderChannel.choices, label=gettext_lazy("Channel"), empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Order
        fields = ["status", "channel"]


class OrderListView(BranchMixin, StaffScreenMixin, BaseListingView):
    permission_test = can_view_orders
    denied_action = gettext_lazy("view orders")
    page_title = gettext_lazy("Orders")
    header_icon = "form"
    is_searchable = True
    search_fields = ["number", "customer__full_name"]
    filterset_class = OrderFilterSet
    index_url_name = "crm_admin:order_list"
    index_results_url_name = "crm_admin:order_list_results"
    paginate_by = 25
    default_ordering = "-placed_at"
    verbose_name_plural = gettext_lazy("orders")
    columns = [
        TitleColumn("number", label=gettext_lazy("Number"), url_name="crm_admin:order_detail", sort_key="number"),
        Column("customer", label=gettext_lazy("Customer"), accessor="customer.full_name"),
        LocalDateTimeColumn("placed_at", label=gettext_lazy("Placed at"), sort_key="placed_at"),
        ChoiceStatusColumn("channel", label=gettext_lazy("Channel")),
        ChoiceStatusColumn("status", label=gettext_lazy("Status"), primary_values=OPEN_ORDER_STATUSES),
        RupiahColumn("total", label=gettext_lazy("Total"), sort_key="total"),
    ]

    def get_base_queryset(self):
        if self.branch is None:
            return Order.objects.none()
        return branch_orders(branch=self.branch)

    def get_page_subtitle(self):
        return self.branch.name if self.branch is not None and len(self.branches) > 1 else ""

    @cached_property
    def header_buttons(self):
        if not can_place_orders(self.request.user):
            return []
        return [HeaderButton(_("New order"), url=reverse("crm_admin:order_add"), icon_name="plus")]


class OrderDetailView(StaffScreenMixin, WagtailAdminTemplateMixin, View):
    permission_test = can_view_orders
    denied_action = gettext_lazy("view orders")
    template_name = "crm/admin/orders/detail.html"
    header_icon = "form"

    def get(self, request, pk):
        self.order = get_object_or_404(
            Order.objects.select_related("customer", "branch", "voucher", "placed_by").prefetch_related(
                "items", "status_changes__changed_by"
            ),
            pk=pk,
        )
        return TemplateResponse(request, self.template_name, self.get_context_data())

    def get_page_title(self):
        return _("Order %(number)s") % {"number": self.order.number}

    def get_breadcrumbs_items(self):
        return orders_breadcrumbs({"url": "", "label": self.order.number})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.order
        next_statuses = [
            (status, OrderStatus(status).label)
            for status in OrderStatus.values
            if status in ALLOWED_TRANSITIONS[OrderStatus(order.status)] and status != OrderStatus.CANCELLED
        ]
        can_change = can_change_orders(self.request.user)
        context.update(
            order=order,
            placed_by=staff_name(order.placed_by),
            items_table=Table(ITEM_COLUMNS, list(order.items.all())),
            totals=order_totals(order),
            history_table=Table(HISTORY_COLUMNS, list(order.status_changes.all())),
            next_statuses=next_statuses if can_change else [],
            can_cancel=can_change and OrderStatus.CANCELLED in ALLOWED_TRANSITIONS[OrderStatus(order.status)],
            status_form=OrderStatusForm(initial={"payment_method": order.payment_method}),
        )
        return context


class OrderActionView(ServiceActionView):
    permission_test = can_change_orders
    denied_action = gettext_lazy("change orders")

    def post(self, request, *args, **kwargs):
        self.order = get_object_or_404(Order, pk=kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def get_default_url(self):
        return reverse("crm_admin:order_detail", args=(self.order.pk,))


class OrderStatusView(OrderActionView):
    def perform(self):
        form = OrderStatusForm(self.request.POST)
        if not form.is_valid():
            raise CrmError("choice_invalid", field="status", value=self.request.POST.get("status", ""))
        order = set_order_status(
            actor=self.request.user,
            order=self.order,
            status=form.cleaned_data["status"],
            payment_method=form.cleaned_data["payment_method"] or None,
            note=form.cleaned_data["note"],
        )
        return _("Order %(number)s is now “%(status)s”.") % {"number": order.number, "status": order.get_status_display()}


class OrderCancelView(OrderActionView):
    def perform(self):
        order = cancel_order(actor=self.request.user, order=self.order, note=self.request.POST.get("note", "")[:255])
        return _("Order %(number)s cancelled; the stock is back and its voucher can be used again.") % {
            "number": order.number
        }


class OrderCreateView(BranchMixin, StaffScreenMixin, WagtailAdminTemplateMixin, View):
    """Sell products in the clinic: check the price with the voucher first, then place the order.

    With a payment method the order is placed and marked as paid in one transaction.
    """

    permission_test = can_place_orders
    denied_action = gettext_lazy("place orders")
    template_name = "crm/admin/orders/create.html"
    page_title = gettext_lazy("New order")
    header_icon = "form"

    def get_breadcrumbs_items(self):
        return orders_breadcrumbs({"url": "", "label": self.page_title})

    def get(self, request):
        initial = {}
        customer_id = request.GET.get("customer", "")
        if customer_id.isdigit():
            initial["customer"] = Customer.objects.filter(pk=customer_id).first()
        return self.render_form(OrderForm(initial=initial), OrderLineFormSet(prefix="lines"))

    def post(self, request):
        form = OrderForm(request.POST)
        formset = OrderLineFormSet(request.POST, prefix="lines")
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, _("The order was not placed; check the fields marked below."))
            return self.render_form(form, formset)
        try:
            if "preview" in request.POST:
                return self.render_form(form, formset, quote=self.quote(form, formset))
            order = self.place(form, formset)
        except CrmPermissionDenied as error:
            return reject_request(request, error)
        except CrmError as error:
            show_rejection(request, error, form)
            return self.render_form(form, formset)
        messages.success(
            request,
            _("Order %(number)s placed for %(name)s, total %(total)s.")
            % {"number": order.number, "name": order.customer.full_name, "total": format_rupiah(order.total)},
        )
        return HttpResponseRedirect(reverse("crm_admin:order_detail", args=(order.pk,)))

    def quote(self, form, formset) -> dict:
        """Price the order without placing it, for the "check price" button."""
        order_quote = quote_order(
            customer=form.cleaned_data["customer"],
            items=formset.lines(),
            voucher_code=form.cleaned_data["voucher_code"] or None,
        )
        quote = order_quote.quote
        rows = [
            {
                "name": product.name,
                "quantity": line.line.quantity,
                "subtotal": format_rupiah(line.subtotal),
                "promotion": f"{line.promotion.title}: −{format_rupiah(line.promotion_discount)}" if line.promotion else "—",
            }
            for product, line in zip(order_quote.products, quote.lines, strict=True)
        ]
        totals = [
            (_("Subtotal"), format_rupiah(quote.subtotal)),
            (_("Promotion discount"), f"−{format_rupiah(quote.promotion_discount)}"),
            (_("Voucher discount"), f"−{format_rupiah(quote.voucher_discount)}"),
            (_("Total"), format_rupiah(quote.total)),
        ]
        return {"rows": rows, "totals": totals}

    def place(self, form, formset) -> Order:
        data = form.cleaned_data
        with transaction.atomic():
            order = place_order(
                actor=self.request.user,
                customer=data["customer"],
                branch=self.branch,
                items=formset.lines(),
                channel=OrderChannel.IN_CLINIC,
                payment_method=data["payment_method"],
                voucher_code=data["voucher_code"] or None,
                notes=data["notes"],
            )
            if data["payment_method"]:
                order = set_order_status(actor=self.request.user, order=order, status=OrderStatus.PAID)
        return order

    def render_form(self, form, formset, quote=None):
        context = self.get_context_data(form=form, formset=formset, quote=quote, media=form.media + formset.media)
        return TemplateResponse(self.request, self.template_name, context)
