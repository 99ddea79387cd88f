"""Building blocks shared by the clinic screens in the Wagtail admin.

Every screen is thin: it checks the role's permission (crm.permissions), calls a service or a
selector and reports the outcome as a Wagtail message. A denied screen redirects to the
admin home with a translated message naming the denied action, and a denied background
refresh gets 403. A CrmError from a service is shown as an error message (and next to the form
field it concerns) and, because every service runs in one transaction, nothing is written.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from crm.errors import CrmError, CrmPermissionDenied
from crm.models import Branch
from crm.permissions import require
from crm.selectors import default_branch

logger = logging.getLogger(__name__)


def is_background_request(request) -> bool:
    """Return True for the auto-refresh fetches of the queue desk and rooms board."""
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def reject_request(request, error: CrmPermissionDenied):
    """Return 403 to a denied background fetch, else show the message and go to the admin home."""
    if is_background_request(request):
        raise PermissionDenied(error.message)
    messages.error(request, error.message)
    return redirect("wagtailadmin_home")


def safe_next_url(request, default: str) -> str:
    """Return the `next` URL of the request when it points back into this site, else `default`."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return default


def show_rejection(request, error: CrmError, form=None) -> None:
    """Show a service's rejection as an error message, and next to the form field it names.

    The log line carries the rule and the ids only, never the input, which may be personal data.
    """
    logger.info("Rule %s rejected %s %s for user %s", error.code, request.method, request.path, request.user.pk)
    messages.error(request, error.message)
    if form is not None:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)


class InvalidActionInput(Exception):
    """The posted input of a button is incomplete; the argument is the translated message."""


class StaffScreenMixin:
    """Let a request through only when `has_permission(user)` passes.

    `permission_test` is a predicate from crm.permissions; `denied_action` is the lazy text
    completing "You do not have permission to …" in the message shown on denial.
    """

    permission_test: Callable = None
    denied_action = None

    def has_permission(self, user) -> bool:
        # Read from the class so the plain function is not bound as a method.
        return type(self).permission_test(user)

    def dispatch(self, request, *args, **kwargs):
        try:
            require(request.user, self.has_permission(request.user), self.denied_action)
        except CrmPermissionDenied as error:
            return reject_request(request, error)
        return super().dispatch(request, *args, **kwargs)


class BranchMixin:
    """Pick the branch a screen shows: `?branch=<code>` among the active ones, else the first.

    Staff are not tied to branches yet, so every screen offers a switch when there are several.
    """

    @cached_property
    def branches(self) -> list[Branch]:
        return list(Branch.objects.filter(is_active=True).order_by("name"))

    @cached_property
    def branch(self) -> Branch | None:
        code = self.request.POST.get("branch") or self.request.GET.get("branch")
        if code:
            for branch in self.branches:
                if branch.code == code:
                    return branch
            raise Http404("Unknown or closed branch")
        return default_branch()

    def branch_url(self, url_name: str) -> str:
        url = reverse(url_name)
        if self.branch is not None and len(self.branches) > 1:
            url += f"?branch={self.branch.code}"
        return url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["branch"] = self.branch
        context["branches"] = self.branches
        return context


class TitleBreadcrumbsMixin:
    """End the header's breadcrumbs with the screen's title, as Wagtail's own listings do."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class StaffTemplateView(StaffScreenMixin, WagtailAdminTemplateMixin, View):
    """A read-only screen rendered with the Wagtail admin page furniture."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))


class ServiceActionView(StaffScreenMixin, View):
    """A POST-only button: run one service call, report it and go back to the screen.

    Subclasses implement `perform()`, which calls the service and returns the success
    message. A CrmError raised by the service, or InvalidActionInput raised for a missing
    input, becomes an error message instead.
    """

    http_method_names = ["post"]
    default_url_name = "wagtailadmin_home"

    def perform(self) -> str:
        raise NotImplementedError

    def get_default_url(self) -> str:
        return reverse(self.default_url_name)

    def post(self, request, *args, **kwargs):
        try:
            success_message = self.perform()
        except CrmPermissionDenied as error:
            return reject_request(request, error)
        except CrmError as error:
            show_rejection(request, error)
        except InvalidActionInput as error:
            messages.error(request, str(error))
        else:
            if success_message:
                messages.success(request, success_message)
        return HttpResponseRedirect(safe_next_url(request, self.get_default_url()))


class ServiceFormView(StaffScreenMixin, WagtailAdminTemplateMixin, FormView):
    """A form whose valid data goes to one service call.

    `perform(form)` calls the service and returns the URL to go to on success; it sets
    `self.success_message`. A CrmError is attached to the form field it names and shown as an
    error message, and the form is shown again with the input kept.
    """

    template_name = "wagtailadmin/generic/form.html"
    success_message = ""
    error_message = None
    submit_button_label = None
    submit_button_active_label = None

    def perform(self, form) -> str:
        raise NotImplementedError

    def get_action_url(self) -> str:
        return self.request.get_full_path()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.get_action_url()
        context["submit_button_label"] = self.submit_button_label
        context["submit_button_active_label"] = self.submit_button_active_label
        context["media"] = context["form"].media
        return context

    def form_valid(self, form):
        try:
            success_url = self.perform(form)
        except CrmPermissionDenied as error:
            return reject_request(self.request, error)
        except CrmError as error:
            show_rejection(self.request, error, form)
            return self.render_to_response(self.get_context_data(form=form))
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(success_url)

    def form_invalid(self, form):
        if self.error_message:
            messages.validation_error(self.request, self.error_message, form)
        return super().form_invalid(form)
