"""Treatment records (rekam medis perawatan): the listing, one record with addenda and photos.

Every screen that shows a record's content opens it through crm.services.open_treatment_record.
That service checks that the user may see the record and writes the access log, and
open_treatment_photo does the same for each photo.
"""

import mimetypes

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets.button import HeaderButton

from common.money import format_rupiah
from crm.admin_forms import AddendumForm, TreatmentPhotoForm
from crm.admin_views.base import StaffScreenMixin, StaffTemplateView, reject_request, show_rejection
from crm.admin_views.columns import LocalDateTimeColumn
from crm.admin_views.display import staff_name
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import PhotoKind, TreatmentRecord
from crm.permissions import (
    can_add_addenda,
    can_add_treatment_photos,
    can_sign_treatment_records,
    can_view_record_access_log,
    can_view_treatment_records,
    can_write_treatment_records,
)
from crm.selectors import treatment_records_visible_to
from crm.services import add_addendum, add_treatment_photo, open_treatment_photo, open_treatment_record


def records_breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("crm_admin:record_list"), "label": _("Treatment records")},
        *items,
    ]


def record_label(record: TreatmentRecord) -> str:
    return f"{record.customer.full_name}: {record.service_name}"


class OpenRecordMixin:
    """Open the record named in the URL through the service, which logs the access.

    A record the user may not see is denied like a screen, and a missing one is a 404.
    """

    def open_record(self) -> TreatmentRecord:
        try:
            return open_treatment_record(actor=self.request.user, record_id=self.kwargs["pk"])
        except CrmPermissionDenied:
            raise
        except CrmError as error:
            raise Http404(error.message) from None


class RecordListView(StaffScreenMixin, BaseListingView):
    """Records the role may open; listing them shows no clinical text, so nothing is logged."""

    permission_test = can_view_treatment_records
    denied_action = gettext_lazy("view treatment records")
    page_title = gettext_lazy("Treatment records")
    header_icon = "clipboard-list"
    is_searchable = True
    search_fields = ["customer__full_name", "service_name"]
    index_url_name = "crm_admin:record_list"
    index_results_url_name = "crm_admin:record_list_results"
    paginate_by = 25
    default_ordering = "-performed_at"
    verbose_name_plural = gettext_lazy("treatment records")
    columns = [
        TitleColumn(
            "customer",
            label=gettext_lazy("Customer"),
            accessor="customer.full_name",
            url_name="crm_admin:record_detail",
        ),
        Column("service_name", label=gettext_lazy("Service")),
        LocalDateTimeColumn("performed_at", label=gettext_lazy("Date and time"), sort_key="performed_at"),
        Column("practitioner", label=gettext_lazy("Practitioner"), accessor=lambda record: staff_name(record.practitioner)),
        StatusFlagColumn(
            "is_signed", label=gettext_lazy("Signature"), true_label=gettext_lazy("Signed"), false_label=gettext_lazy("Draft")
        ),
    ]

    def get_base_queryset(self):
        return treatment_records_visible_to(self.request.user)

    @cached_property
    def header_buttons(self):
        if not can_write_treatment_records(self.request.user):
            return []
        return [HeaderButton(_("New treatment record"), url=reverse("crm_admin:record_add"), icon_name="plus")]


class RecordDetailView(OpenRecordMixin, StaffTemplateView):
    """A record with photos and addenda; also takes addenda and photos posted from it."""

    permission_test = can_view_treatment_records
    denied_action = gettext_lazy("view treatment records")
    template_name = "crm/admin/records/detail.html"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except CrmPermissionDenied as error:
            return reject_request(request, error)

    def get(self, request, *args, **kwargs):
        self.record = self.open_record()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.record = self.open_record()
        action = request.POST.get("action")
        if action == "addendum":
            return self.post_addendum()
        if action == "photo":
            return self.post_photo()
        raise Http404("Unknown action")

    def post_addendum(self):
        form = AddendumForm(self.request.POST)
        if form.is_valid():
            try:
                add_addendum(actor=self.request.user, record=self.record, text=form.cleaned_data["text"])
            except CrmPermissionDenied as error:
                return reject_request(self.request, error)
            except CrmError as error:
                show_rejection(self.request, error, form)
            else:
                messages.success(self.request, _("Addendum added."))
                return HttpResponseRedirect(self.detail_url)
        return self.render_to_response(self.get_context_data(addendum_form=form))

    def post_photo(self):
        form = TreatmentPhotoForm(self.request.POST, self.request.FILES)
        if form.is_valid():
            try:
                add_treatment_photo(
                    actor=self.request.user,
                    record=self.record,
                    kind=form.cleaned_data["kind"],
                    image=form.cleaned_data["image"],
                    caption=form.cleaned_data["caption"],
                )
            except CrmPermissionDenied as error:
                return reject_request(self.request, error)
            except CrmError as error:
                show_rejection(self.request, error, form)
            else:
                messages.success(self.request, _("Photo added."))
                return HttpResponseRedirect(self.detail_url)
        return self.render_to_response(self.get_context_data(photo_form=form))

    @property
    def detail_url(self) -> str:
        return reverse("crm_admin:record_detail", args=(self.record.pk,))

    def get_page_title(self):
        return record_label(self.record)

    def get_breadcrumbs_items(self):
        return records_breadcrumbs({"url": "", "label": record_label(self.record)})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, record = self.request.user, self.record
        is_practitioner = record.practitioner_id == user.pk
        editable = not record.is_signed and is_practitioner
        addenda = list(record.addenda.all())
        for addendum in addenda:
            addendum.author_name = staff_name(addendum.author)
        context.update(
            record=record,
            practitioner=staff_name(record.practitioner),
            service_price=format_rupiah(record.service_price) if record.service_price is not None else "",
            addenda=addenda,
            # Before photos first, whatever order the kinds sort in.
            photos=sorted(record.photos.all(), key=lambda photo: photo.kind != PhotoKind.BEFORE),
            can_edit=editable and can_write_treatment_records(user),
            can_sign=editable and can_sign_treatment_records(user),
            can_view_access_log=can_view_record_access_log(user),
        )
        if record.is_signed and can_add_addenda(user):
            context.setdefault("addendum_form", AddendumForm())
        if editable and can_add_treatment_photos(user):
            context.setdefault("photo_form", TreatmentPhotoForm())
        return context


class TreatmentPhotoView(StaffScreenMixin, View):
    """Stream a private photo after the service has checked access and logged it.

    Photos never get a public media URL; the response may not be cached by shared caches.
    """

    permission_test = can_view_treatment_records
    denied_action = gettext_lazy("view treatment records")

    def get(self, request, pk):
        try:
            photo = open_treatment_photo(actor=request.user, photo_id=pk)
        except CrmPermissionDenied as error:
            return reject_request(request, error)
        except CrmError as error:
            raise Http404(error.message) from None
        content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
        response = FileResponse(photo.image.open("rb"), content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
