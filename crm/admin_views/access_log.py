"""The record access log: who opened which treatment record and when; managers only."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

from crm.admin_views.base import StaffScreenMixin
from crm.admin_views.columns import ChoiceStatusColumn, LocalDateTimeColumn
from crm.admin_views.display import staff_name
from crm.models import TreatmentRecord
from crm.permissions import can_view_record_access_log
from crm.selectors import record_access_log


class RecordAccessLogView(StaffScreenMixin, BaseListingView):
    """All entries, or those of one record with `?record=<id>`."""

    permission_test = can_view_record_access_log
    denied_action = gettext_lazy("read the record access log")
    page_title = gettext_lazy("Record access log")
    header_icon = "history"
    index_url_name = "crm_admin:access_log"
    index_results_url_name = "crm_admin:access_log_results"
    paginate_by = 50
    verbose_name_plural = gettext_lazy("access log entries")
    columns = [
        LocalDateTimeColumn("accessed_at", label=gettext_lazy("Opened at")),
        # A plain column: Wagtail's UserColumn loads each user's avatar profile, one query per row.
        Column("user", label=gettext_lazy("User"), accessor=lambda entry: staff_name(entry.user)),
        ChoiceStatusColumn("action", label=gettext_lazy("Action")),
        TitleColumn(
            "record",
            label=gettext_lazy("Treatment record"),
            accessor=lambda entry: f"{entry.record.customer.full_name}: {entry.record.service_name}",
            get_url=lambda entry: reverse("crm_admin:record_detail", args=(entry.record_id,)),
        ),
    ]

    @cached_property
    def record(self) -> TreatmentRecord | None:
        record_id = self.request.GET.get("record", "")
        if not record_id.isdigit():
            return None
        return TreatmentRecord.objects.select_related("customer").filter(pk=record_id).first()

    def get_page_subtitle(self):
        if self.record is None:
            return ""
        return f"{self.record.customer.full_name}: {self.record.service_name}"

    def get_base_queryset(self):
        return record_access_log(actor=self.request.user, record=self.record)
