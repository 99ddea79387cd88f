"""The testimonial form for signed-in customers who had a treatment; entries go to moderation."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from website.forms import TestimonialForm
from website.views.customer_pages import mutation_result, render_customer_page, signed_in_required


@signed_in_required
@require_http_methods(["GET", "POST"])
def write_testimonial(request):
    form = TestimonialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = mutation_result(
            request,
            "SubmitTestimonial",
            {
                "rating": int(data["rating"]),
                "text": data["text"],
                "displayName": data["display_name"],
                "consentToPublish": data["consent_to_publish"],
            },
            "submitTestimonial",
        )
        if result["errors"]:
            form.add_api_errors(result["errors"])
        else:
            return redirect(reverse("testimonial_write") + "?sent=1")
    return render_customer_page(
        request,
        "website/account/testimonial_form.html",
        {"page_title": _("Write a testimonial"), "form": form, "sent": request.GET.get("sent") == "1"},
    )
