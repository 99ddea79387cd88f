"""The "Clinic" menu of the admin sidebar; each item is shown only to roles that may open it."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from crm.admin_views.products import can_view_products
from crm.permissions import (
    can_operate_queue,
    can_operate_rooms,
    can_view_customers,
    can_view_orders,
    can_view_record_access_log,
    can_view_treatment_records,
    can_view_vouchers,
)


class RoleMenuItem(MenuItem):
    def __init__(self, label, url_name, *, permission_test, **kwargs):
        super().__init__(label, reverse_lazy(url_name), **kwargs)
        self.permission_test = permission_test

    def is_shown(self, request):
        return self.permission_test(request.user)


def clinic_menu_item() -> SubmenuMenuItem:
    items = [
        RoleMenuItem(_("Queue desk"), "crm_admin:queue_desk", permission_test=can_operate_queue, icon_name="list-ol", order=100),
        RoleMenuItem(_("Rooms board"), "crm_admin:rooms_board", permission_test=can_operate_rooms, icon_name="grid", order=200),
        RoleMenuItem(_("Customers"), "crm_admin:customer_list", permission_test=can_view_customers, icon_name="group", order=300),
        RoleMenuItem(
            _("Treatment records"),
            "crm_admin:record_list",
            permission_test=can_view_treatment_records,
            icon_name="clipboard-list",
            order=400,
        ),
        RoleMenuItem(_("Orders"), "crm_admin:order_list", permission_test=can_view_orders, icon_name="form", order=500),
        RoleMenuItem(_("Products"), "crm_admin:product_list", permission_test=can_view_products, icon_name="pick", order=600),
        RoleMenuItem(_("Vouchers"), "crm_admin:voucher_list", permission_test=can_view_vouchers, icon_name="tag", order=700),
        RoleMenuItem(
            _("Record access log"),
            "crm_admin:access_log",
            permission_test=can_view_record_access_log,
            icon_name="history",
            order=800,
        ),
    ]
    return SubmenuMenuItem(_("Clinic"), Menu(items=items), name="clinic", icon_name="calendar-check", order=50)
