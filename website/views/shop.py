"""Shop pages: products, cart, checkout and the order confirmation.

The cart lives in the browser (localStorage, static/js/cart.js). The cart page sends its lines to
the checkout as `item=<product id>:<quantity>` parameters, so the checkout is priced and placed by
the server and works without JavaScript from there on.
"""

import logging

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from website.forms import VoucherForm
from website.operations import run_operation
from website.views.customer_pages import mutation_result, render_customer_page, run_or_404, signed_in_required

logger = logging.getLogger(__name__)

PRODUCT_PAGE_SIZE = 100
MAX_CART_LINES = 30
MAX_QUANTITY = 99


def cart_items(values: list[str]) -> list[dict] | None:
    """Parse `item` parameters into OrderLineInput dicts; None when one is malformed."""
    items = []
    for value in values[:MAX_CART_LINES]:
        product_id, _sep, quantity = value.rpartition(":")
        if not product_id or not quantity.isdigit() or not 1 <= int(quantity) <= MAX_QUANTITY:
            return None
        items.append({"productId": product_id, "quantity": int(quantity)})
    return items


def product_list(request):
    products = run_operation(request, "Products", {"first": PRODUCT_PAGE_SIZE})["products"]
    return render_customer_page(request, "website/shop/product_list.html", {"page_title": _("Shop"), "products": products})


def cart(request):
    return render_customer_page(request, "website/shop/cart.html", {"page_title": _("Your cart")})


@signed_in_required
@require_http_methods(["GET", "POST"])
def checkout(request):
    source = request.POST if request.method == "POST" else request.GET
    items = cart_items(source.getlist("item"))
    if not items:
        # An empty or garbled cart has nothing to check out; the cart page explains.
        return redirect(reverse("shop:cart"))

    form = VoucherForm(request.POST or None)
    voucher_code = ""
    if request.method == "POST" and form.is_valid():
        voucher_code = form.cleaned_data["voucher_code"].strip()
        if request.POST.get("action") == "place":
            placed = mutation_result(
                request,
                "PlaceOrder",
                {"items": items, "voucherCode": voucher_code or None, "notes": form.cleaned_data["notes"]},
                "placeOrder",
            )
            if not placed["errors"]:
                order = placed["order"]
                logger.info("User %s placed order %s online", request.user.pk, order["id"])
                return redirect(reverse("shop:order_done", args=[order["id"]]))
            form.add_api_errors(placed["errors"])

    quoted = mutation_result(request, "QuoteCart", {"items": items, "voucherCode": voucher_code or None}, "quoteCart")
    if quoted["errors"] and voucher_code:
        # Show the voucher's problem next to its field and the prices without it.
        if not form.errors:
            form.add_api_errors(quoted["errors"])
        quoted = mutation_result(request, "QuoteCart", {"items": items}, "quoteCart")
    if quoted["errors"]:
        form.add_api_errors(quoted["errors"])

    return render_customer_page(
        request,
        "website/shop/checkout.html",
        {
            "page_title": _("Checkout"),
            "form": form,
            "quote": quoted.get("quote"),
            "item_values": [f"{item['productId']}:{item['quantity']}" for item in items],
            "items": items,
        },
    )


@signed_in_required
def order_done(request, order_id: str):
    order = run_or_404(request, "MyOrder", {"id": order_id}, "order")
    return render_customer_page(
        request,
        "website/shop/order_done.html",
        {"page_title": _("Thank you for your order"), "order": order},
    )
