"""Treatment records (rekam medis perawatan): entry with photos, signing, addenda and photos.

Every screen that shows a record's content opens it through crm.services.open_treatment_record,
which checks that the user may see it and writes the access log; every photo goes through
open_treatment_photo the same way.
"""

import logging
import mimetypes

from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
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
from crm.admin_forms import AddendumForm, TreatmentPhotoForm, TreatmentRecordEditForm, TreatmentRecordForm
from crm.admin_views.base import (
    BranchMixin,
    ServiceFormView,
    StaffScreenMixin,
    StaffTemplateView,
    add_error_to_form,
    refuse,
)
from crm.admin_views.columns import LocalDateTimeColumn
from crm.admin_views.display import staff_name
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer, QueueTicket, TreatmentRecord
from crm.permissions import (
    can_add_addenda,
    can_add_treatment_photos,
    can_sign_treatment_records,
    can_view_record_access_log,
    can_view_treatment_records,
    can_write_treatment_records,
)
from crm.selectors import treatment_records_visible_to
from crm.services import (
    add_addendum,
    add_treatment_photo,
    create_treatment_record,
    open_treatment_photo,
    open_treatment_record,
    sign_treatment_record,
    update_treatment_record,
)

logger = logging.getLogger(__name__)


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

    A record the user may not see is refused like a screen; one that does not exist is a 404.
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
    refused_action = gettext_lazy("view treatment records")
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
    refused_action = gettext_lazy("view treatment records")
    template_name = "crm/admin/records/detail.html"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except CrmPermissionDenied as error:
            return refuse(request, error)

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
                return refuse(self.request, error)
            except CrmError as error:
                add_error_to_form(form, error)
                messages.error(self.request, error.message)
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
                return refuse(self.request, error)
            except CrmError as error:
                add_error_to_form(form, error)
                messages.error(self.request, error.message)
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
            photos=list(record.photos.all()),
            can_edit=editable and can_write_treatment_records(user),
            can_sign=editable and can_sign_treatment_records(user),
            can_view_access_log=can_view_record_access_log(user),
        )
        if record.is_signed and can_add_addenda(user):
            context.setdefault("addendum_form", AddendumForm())
        if editable and can_add_treatment_photos(user):
            context.setdefault("photo_form", TreatmentPhotoForm())
        return context


class RecordCreateView(BranchMixin, ServiceFormView):
    """Write a draft record, for a queue ticket (`?ticket=`) or a customer (`?customer=`)."""

    permission_test = can_write_treatment_records
    refused_action = gettext_lazy("write treatment records")
    form_class = TreatmentRecordForm
    page_title = gettext_lazy("New treatment record")
    header_icon = "clipboard-list"
    submit_button_label = gettext_lazy("Save draft")
    submit_button_active_label = gettext_lazy("Saving…")
    error_message = gettext_lazy("The record was not saved; check the fields marked below.")

    def get_breadcrumbs_items(self):
        return records_breadcrumbs({"url": "", "label": self.get_page_subtitle() or self.page_title})

    def get_page_subtitle(self):
        if self.ticket is not None:
            return _("Ticket %(number)s, %(name)s") % {
                "number": self.ticket.display_number,
                "name": self.ticket.customer.full_name,
            }
        return ""

    @cached_property
    def ticket(self) -> QueueTicket | None:
        ticket_id = self.request.GET.get("ticket")
        if not ticket_id or not ticket_id.isdigit():
            return None
        ticket = get_object_or_404(QueueTicket.objects.select_related("customer", "branch"), pk=ticket_id)
        if ticket.customer_id is None:
            # A record belongs to a registered customer; a walk-in ticket cannot carry one.
            messages.warning(
                self.request,
                _("Ticket %(number)s is for an unregistered walk-in visitor. Register them, then choose them below.")
                % {"number": ticket.display_number},
            )
            return None
        return ticket

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ticket": self.ticket}

    def get_initial(self):
        customer_id = self.request.GET.get("customer")
        if customer_id and customer_id.isdigit():
            return {"customer": Customer.objects.filter(pk=customer_id).first()}
        return {}

    def perform(self, form):
        user = self.request.user
        customer = self.ticket.customer if self.ticket is not None else form.cleaned_data["customer"]
        saved_photos = []
        try:
            # The record and its photos are saved together or not at all.
            with transaction.atomic():
                record = create_treatment_record(
                    actor=user,
                    customer=customer,
                    ticket=self.ticket,
                    branch=None if self.ticket is not None else self.branch,
                    service=form.cleaned_data.get("service"),
                    performed_at=form.cleaned_data["performed_at"],
                    **form.clinical_data(),
                )
                for kind, upload in form.photos():
                    try:
                        saved_photos.append(add_treatment_photo(actor=user, record=record, kind=kind, image=upload))
                    except CrmError as error:
                        if error.field == "image":
                            error.field = f"{kind}_photo"  # show it next to the upload it concerns
                        raise
        except CrmError:
            # The rollback removed the rows; the files already written to storage go too.
            for photo in saved_photos:
                photo.image.delete(save=False)
            raise
        self.success_message = _("Draft record saved. Sign it when it is complete.")
        return reverse("crm_admin:record_detail", args=(record.pk,))


class RecordEditView(OpenRecordMixin, ServiceFormView):
    """Change an unsigned record; opening the form counts as opening the record."""

    permission_test = can_write_treatment_records
    refused_action = gettext_lazy("write treatment records")
    form_class = TreatmentRecordEditForm
    header_icon = "clipboard-list"
    submit_button_label = gettext_lazy("Save draft")
    submit_button_active_label = gettext_lazy("Saving…")
    error_message = gettext_lazy("The record was not saved; check the fields marked below.")

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission(request.user):
            return super().dispatch(request, *args, **kwargs)
        try:
            self.record = self.open_record()
        except CrmPermissionDenied as error:
            return refuse(request, error)
        if self.record.is_signed:
            messages.error(request, CrmError("record_signed").message)
            return HttpResponseRedirect(reverse("crm_admin:record_detail", args=(self.record.pk,)))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Edit %(record)s") % {"record": record_label(self.record)}

    def get_breadcrumbs_items(self):
        return records_breadcrumbs(
            {"url": reverse("crm_admin:record_detail", args=(self.record.pk,)), "label": record_label(self.record)},
            {"url": "", "label": _("Edit")},
        )

    def get_initial(self):
        record = self.record
        return {
            "performed_at": record.performed_at,
            "complaint": record.complaint,
            "skin_assessment": record.skin_assessment,
            "treatment_performed": record.treatment_performed,
            "products_used": record.products_used,
            "advice": record.advice,
            "next_visit_on": record.next_visit_on,
        }

    def perform(self, form):
        changes = form.changed_clinical_data()
        if changes:
            update_treatment_record(actor=self.request.user, record=self.record, **changes)
            self.success_message = _("Draft record saved.")
        else:
            self.success_message = _("Nothing was changed.")
        return reverse("crm_admin:record_detail", args=(self.record.pk,))


class RecordSignView(OpenRecordMixin, StaffTemplateView):
    """Ask for confirmation, then sign; a signed record can only be amended by addenda."""

    permission_test = can_sign_treatment_records
    refused_action = gettext_lazy("sign treatment records")
    template_name = "crm/admin/records/confirm_sign.html"
    header_icon = "clipboard-list"
    page_title = gettext_lazy("Sign treatment record")

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except CrmPermissionDenied as error:
            return refuse(request, error)

    def get(self, request, *args, **kwargs):
        self.record = self.open_record()
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return record_label(self.record)

    def get_breadcrumbs_items(self):
        return records_breadcrumbs(
            {"url": reverse("crm_admin:record_detail", args=(self.record.pk,)), "label": record_label(self.record)},
            {"url": "", "label": _("Sign")},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        return context

    def post(self, request, *args, **kwargs):
        record = get_object_or_404(TreatmentRecord, pk=kwargs["pk"])
        try:
            sign_treatment_record(actor=request.user, record=record)
        except CrmPermissionDenied as error:
            return refuse(request, error)
        except CrmError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Record signed. From now on, corrections go into addenda."))
        return HttpResponseRedirect(reverse("crm_admin:record_detail", args=(record.pk,)))


class TreatmentPhotoView(StaffScreenMixin, View):
    """Stream a private photo after the service has checked access and logged it.

    Photos never get a public media URL; the response may not be cached by shared caches.
    """

    permission_test = can_view_treatment_records
    refused_action = gettext_lazy("view treatment records")

    def get(self, request, pk):
        try:
            photo = open_treatment_photo(actor=request.user, photo_id=pk)
        except CrmPermissionDenied as error:
            return refuse(request, error)
        except CrmError as error:
            raise Http404(error.message) from None
        content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
        response = FileResponse(photo.image.open("rb"), content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
