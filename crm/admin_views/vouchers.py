"""Vouchers (voucher potongan): listing, issuing and the redemptions of each voucher."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, Table, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets.button import HeaderButton

from common.money import format_rupiah
from crm.admin_forms import VoucherForm
from crm.admin_views.base import ServiceFormView, StaffScreenMixin, StaffTemplateView
from crm.admin_views.columns import ChoiceStatusColumn, LocalDateColumn, LocalDateTimeColumn, RupiahColumn
from crm.admin_views.display import staff_name
from crm.models import Voucher, VoucherKind, VoucherScope
from crm.permissions import can_issue_vouchers, can_view_vouchers
from crm.selectors import voucher_list, voucher_redemptions
from crm.services import issue_voucher


def voucher_value(voucher: Voucher) -> str:
    """Format the discount for display: "15%" (up to Rp 100.000) or "Rp 50.000"."""
    if voucher.kind == VoucherKind.PERCENT:
        text = f"{voucher.percent.normalize():f}%"
        if voucher.max_discount:
            text += " " + _("(up to %(amount)s)") % {"amount": format_rupiah(voucher.max_discount)}
        return text
    return format_rupiah(voucher.amount)


def voucher_uses(voucher: Voucher) -> str:
    if voucher.usage_limit is None:
        return str(voucher.times_used)
    return f"{voucher.times_used} / {voucher.usage_limit}"


def redemption_target(redemption) -> str:
    if redemption.order_id:
        return redemption.order.number
    return _("Ticket %(number)s") % {"number": redemption.ticket.display_number}


REDEMPTION_COLUMNS = [
    LocalDateTimeColumn("redeemed_at", label=gettext_lazy("Redeemed at")),
    TitleColumn(
        "customer",
        label=gettext_lazy("Customer"),
        accessor="customer.full_name",
        get_url=lambda redemption: reverse("crm_admin:customer_detail", args=(redemption.customer_id,)),
    ),
    Column("target", label=gettext_lazy("Used on"), accessor=redemption_target),
    RupiahColumn("discount_amount", label=gettext_lazy("Discount")),
    Column("redeemed_by", label=gettext_lazy("By"), accessor=lambda redemption: staff_name(redemption.redeemed_by)),
    LocalDateTimeColumn("released_at", label=gettext_lazy("Given back at")),
]


def vouchers_breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("crm_admin:voucher_list"), "label": _("Vouchers")},
        *items,
    ]


class VoucherFilterSet(WagtailFilterSet):
    scope = django_filters.ChoiceFilter(
        choices=VoucherScope.choices, label=gettext_lazy("Applies to"), empty_label=gettext_lazy("All")
    )
    is_active = django_filters.BooleanFilter(label=gettext_lazy("Active"))

    class Meta:
        model = Voucher
        fields = ["scope", "is_active"]


class VoucherListView(StaffScreenMixin, BaseListingView):
    permission_test = can_view_vouchers
    denied_action = gettext_lazy("view vouchers")
    page_title = gettext_lazy("Vouchers")
    header_icon = "tag"
    is_searchable = True
    search_fields = ["code", "description", "owner__full_name"]
    filterset_class = VoucherFilterSet
    index_url_name = "crm_admin:voucher_list"
    index_results_url_name = "crm_admin:voucher_list_results"
    paginate_by = 25
    default_ordering = "-valid_until"
    verbose_name_plural = gettext_lazy("vouchers")
    columns = [
        TitleColumn("code", label=gettext_lazy("Code"), url_name="crm_admin:voucher_detail", sort_key="code"),
        Column("description", label=gettext_lazy("Description")),
        Column("value", label=gettext_lazy("Discount"), accessor=voucher_value),
        ChoiceStatusColumn("scope", label=gettext_lazy("Applies to")),
        LocalDateColumn("valid_from", label=gettext_lazy("Valid from")),
        LocalDateColumn("valid_until", label=gettext_lazy("Valid until"), sort_key="valid_until"),
        Column("uses", label=gettext_lazy("Used"), accessor=voucher_uses),
        Column(
            "owner",
            label=gettext_lazy("Personal for"),
            accessor=lambda voucher: voucher.owner.full_name if voucher.owner_id else "",
        ),
        BooleanColumn("is_active", label=gettext_lazy("Active")),
    ]

    def get_base_queryset(self):
        return voucher_list()

    @cached_property
    def header_buttons(self):
        if not can_issue_vouchers(self.request.user):
            return []
        return [HeaderButton(_("New voucher"), url=reverse("crm_admin:voucher_add"), icon_name="plus")]


class VoucherDetailView(StaffTemplateView):
    permission_test = can_view_vouchers
    denied_action = gettext_lazy("view vouchers")
    template_name = "crm/admin/vouchers/detail.html"
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        self.voucher = get_object_or_404(Voucher.objects.select_related("owner", "created_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Voucher %(code)s") % {"code": self.voucher.code}

    def get_breadcrumbs_items(self):
        return vouchers_breadcrumbs({"url": "", "label": self.voucher.code})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voucher = self.voucher
        context.update(
            voucher=voucher,
            value=voucher_value(voucher),
            uses=voucher_uses(voucher),
            min_spend=format_rupiah(voucher.min_spend),
            created_by=staff_name(voucher.created_by),
        )
        # NOTE: crm.permissions has no predicate for redemptions. Every role that may view
        # vouchers also has this permission today.
        if self.request.user.has_perm("crm.view_voucherredemption"):
            context["redemptions_table"] = Table(REDEMPTION_COLUMNS, list(voucher_redemptions(voucher)))
        return context


class VoucherCreateView(ServiceFormView):
    permission_test = can_issue_vouchers
    denied_action = gettext_lazy("issue vouchers")
    form_class = VoucherForm
    page_title = gettext_lazy("New voucher")
    header_icon = "tag"
    submit_button_label = gettext_lazy("Create voucher")
    submit_button_active_label = gettext_lazy("Creating…")
    error_message = gettext_lazy("The voucher was not created; check the fields marked below.")

    def get_breadcrumbs_items(self):
        return vouchers_breadcrumbs({"url": "", "label": self.page_title})

    def perform(self, form):
        voucher = issue_voucher(actor=self.request.user, **form.issue_data())
        self.success_message = _("Voucher %(code)s created.") % {"code": voucher.code}
        return reverse("crm_admin:voucher_detail", args=(voucher.pk,))
