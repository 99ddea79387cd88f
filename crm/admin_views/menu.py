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


# (label, URL name, who may see it, icon), in menu order.
CLINIC_MENU = [
    (_("Queue desk"), "crm_admin:queue_desk", can_operate_queue, "list-ol"),
    (_("Rooms board"), "crm_admin:rooms_board", can_operate_rooms, "grid"),
    (_("Customers"), "crm_admin:customer_list", can_view_customers, "group"),
    (_("Treatment records"), "crm_admin:record_list", can_view_treatment_records, "clipboard-list"),
    (_("Orders"), "crm_admin:order_list", can_view_orders, "form"),
    (_("Products"), "crm_admin:product_list", can_view_products, "pick"),
    (_("Vouchers"), "crm_admin:voucher_list", can_view_vouchers, "tag"),
    (_("Record access log"), "crm_admin:access_log", can_view_record_access_log, "history"),
]


def clinic_menu_item() -> SubmenuMenuItem:
    items = [
        RoleMenuItem(label, url_name, permission_test=test, icon_name=icon, order=(position + 1) * 100)
        for position, (label, url_name, test, icon) in enumerate(CLINIC_MENU)
    ]
    return SubmenuMenuItem(_("Clinic"), Menu(items=items), name="clinic", icon_name="calendar-check", order=50)
