"""The clinic panel on the admin home: today's queue, free rooms and orders to prepare."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from crm.models import Branch
from crm.permissions import can_operate_queue, can_operate_rooms, can_view_orders
from crm.selectors import dashboard_counts


class ClinicTodayPanel(Component):
    name = "crm_clinic_today"
    # Wagtail's own home panels start at order 100; the clinic's day comes first.
    order = 50
    template_name = "crm/admin/dashboard/panel.html"

    def __init__(self, request):
        self.request = request
        user = request.user
        self.show_queue = can_operate_queue(user)
        self.show_rooms = can_operate_rooms(user)
        self.show_orders = can_view_orders(user)

    @property
    def is_shown(self) -> bool:
        return self.show_queue or self.show_rooms or self.show_orders

    def get_context_data(self, parent_context):
        # One row per active branch, three COUNT queries each.
        branches = Branch.objects.filter(is_active=True).order_by("name")
        return {
            "heading": _("Clinic today"),
            "rows": [(branch, dashboard_counts(branch=branch)) for branch in branches],
            "show_queue": self.show_queue,
            "show_rooms": self.show_rooms,
            "show_orders": self.show_orders,
            "show_branch_names": len(branches) > 1,
        }

    def render_html(self, parent_context=None):
        if not self.is_shown:
            return ""
        return super().render_html(parent_context)
