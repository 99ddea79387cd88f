"""Writing treatment records: a new draft with photos, editing a draft, signing.

The rules (practitioner only, frozen once signed, photo consent) are enforced by
crm.services.records; these views collect the input and show the outcome.
"""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from crm.admin_forms import TreatmentRecordEditForm, TreatmentRecordForm
from crm.admin_views.base import BranchMixin, ServiceFormView, StaffTemplateView, reject_request, show_rejection
from crm.admin_views.records import OpenRecordMixin, record_label, records_breadcrumbs
from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Customer, QueueTicket, TreatmentRecord
from crm.permissions import can_sign_treatment_records, can_write_treatment_records
from crm.services import add_treatment_photo, create_treatment_record, sign_treatment_record, update_treatment_record


class RecordCreateView(BranchMixin, ServiceFormView):
    """Write a draft record, for a queue ticket (`?ticket=`) or a customer (`?customer=`)."""

    permission_test = can_write_treatment_records
    denied_action = gettext_lazy("write treatment records")
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
    denied_action = gettext_lazy("write treatment records")
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
            return reject_request(request, error)
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
    denied_action = gettext_lazy("sign treatment records")
    template_name = "crm/admin/records/confirm_sign.html"
    header_icon = "clipboard-list"
    page_title = gettext_lazy("Sign treatment record")

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except CrmPermissionDenied as error:
            return reject_request(request, error)

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
            return reject_request(request, error)
        except CrmError as error:
            show_rejection(request, error)
        else:
            messages.success(request, _("Record signed. From now on, corrections go into addenda."))
        return HttpResponseRedirect(reverse("crm_admin:record_detail", args=(record.pk,)))
