"""Account pages: register, sign in and out, profile and consents, history, vouchers, data export."""

import logging

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from website.forms import ProfileForm, RegisterForm, SignInForm
from website.operations import run_operation
from website.views.customer_pages import (
    mutation_result,
    render_customer_page,
    run_or_404,
    safe_next,
    signed_in_required,
)

logger = logging.getLogger(__name__)

# How many orders and records the history pages list.
HISTORY_PAGE_SIZE = 50


def my_account(request) -> dict:
    return run_operation(request, "MyAccount", {"first": HISTORY_PAGE_SIZE})["me"]


def no_profile_page(request):
    return render_customer_page(
        request,
        "website/account/no_profile.html",
        {"page_title": _("No customer account")},
        status=403,
    )


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect(safe_next(request, reverse("account:overview")))
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = mutation_result(
            request,
            "Register",
            {
                "fullName": data["full_name"],
                "phone": data["phone"],
                "email": data["email"],
                "password": data["password"],
                "marketingConsent": data["marketing_consent"],
                "photoConsent": data["photo_consent"],
            },
            "register",
        )
        if result["errors"]:
            form.add_api_errors(result["errors"])
        else:
            signed_in = mutation_result(request, "Login", {"username": data["email"], "password": data["password"]}, "login")
            if signed_in["errors"]:
                return redirect(f"{reverse('account:sign_in')}")
            return redirect(safe_next(request, reverse("account:overview")))
    return render_customer_page(
        request,
        "website/account/register.html",
        {"page_title": _("Create an account"), "form": form, "next": safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request, reverse("account:overview")))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = mutation_result(
            request, "Login", {"username": form.cleaned_data["username"], "password": form.cleaned_data["password"]}, "login"
        )
        if result["errors"]:
            form.add_api_errors(result["errors"])
        else:
            return redirect(safe_next(request, reverse("account:overview")))
    return render_customer_page(
        request,
        "website/account/sign_in.html",
        {"page_title": _("Sign in"), "form": form, "next": safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        if request.user.is_authenticated:
            mutation_result(request, "Logout", {}, "logout")
        return redirect(reverse("account:sign_in"))
    return render_customer_page(request, "website/account/sign_out.html", {"page_title": _("Sign out")})


@signed_in_required
def overview(request):
    me = my_account(request)
    if me["profile"] is None:
        return no_profile_page(request)
    return render_customer_page(
        request,
        "website/account/overview.html",
        {"page_title": _("My account"), "me": me, "section": "overview"},
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def profile(request):
    me = my_account(request)
    current = me["profile"]
    if current is None:
        return no_profile_page(request)
    saved = False
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            result = mutation_result(request, "UpdateProfile", {"input": form.profile_input()}, "updateProfile")
            if not result["errors"]:
                result = mutation_result(
                    request,
                    "SetConsents",
                    {
                        "marketingConsent": form.cleaned_data["marketing_consent"],
                        "photoConsent": form.cleaned_data["photo_consent"],
                    },
                    "setConsents",
                )
            if result["errors"]:
                form.add_api_errors(result["errors"])
            else:
                return redirect(reverse("account:profile") + "?saved=1")
    else:
        saved = request.GET.get("saved") == "1"
        form = ProfileForm(
            initial={
                "full_name": current["fullName"],
                "phone": current["phone"],
                "email": current["email"],
                "birth_date": current["birthDate"],
                "sex": current["sex"],
                "skin_type": current["skinType"],
                "allergies": current["allergies"],
                "marketing_consent": current["marketingConsent"],
                "photo_consent": current["photoConsent"],
            }
        )
    return render_customer_page(
        request,
        "website/account/profile.html",
        {"page_title": _("Profile and consents"), "me": me, "form": form, "saved": saved, "section": "profile"},
    )


@signed_in_required
def treatment_list(request):
    records = run_operation(request, "MyTreatmentRecords", {"first": HISTORY_PAGE_SIZE})["me"]["treatmentRecords"]
    return render_customer_page(
        request,
        "website/account/treatment_list.html",
        {"page_title": _("My treatments"), "records": records, "section": "treatments"},
    )


@signed_in_required
def treatment_detail(request, record_id: str):
    record = run_or_404(request, "MyTreatmentRecord", {"id": record_id}, "treatmentRecord")
    return render_customer_page(
        request,
        "website/account/treatment_detail.html",
        {"page_title": record["serviceName"], "record": record, "section": "treatments"},
    )


@signed_in_required
def order_list(request):
    me = my_account(request)
    if me["profile"] is None:
        return no_profile_page(request)
    return render_customer_page(
        request,
        "website/account/order_list.html",
        {"page_title": _("My orders"), "orders": me["orders"], "section": "orders"},
    )


@signed_in_required
def order_detail(request, order_id: str):
    order = run_or_404(request, "MyOrder", {"id": order_id}, "order")
    return render_customer_page(
        request,
        "website/account/order_detail.html",
        {"page_title": _("Order %(number)s") % {"number": order["number"]}, "order": order, "section": "orders"},
    )


@signed_in_required
def voucher_list(request):
    me = my_account(request)
    if me["profile"] is None:
        return no_profile_page(request)
    return render_customer_page(
        request,
        "website/account/voucher_list.html",
        {"page_title": _("My vouchers"), "vouchers": me["vouchers"], "section": "vouchers"},
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    if request.method == "POST":
        me = my_account(request)
        if me["profile"] is None:
            return no_profile_page(request)
        result = mutation_result(request, "ExportMyData", {}, "exportMyData")
        logger.info("User %s downloaded their data export", request.user.pk)
        filename = f"amaze-data-{me['profile']['memberCode'] or 'saya'}-{timezone.localdate():%Y%m%d}.json"
        response = HttpResponse(result["data"] or "{}", content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render_customer_page(request, "website/account/my_data.html", {"page_title": _("Download my data"), "section": "data"})
