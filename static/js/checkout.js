// Live voucher check on the checkout page: prices the cart with the code through QuoteCart and
// shows the result or the API's message next to the field, without reloading. Without
// JavaScript the "Apply voucher" button posts the form and the server does the same.
(function () {
  "use strict";

  function showError(input, message) {
    var field = input.closest(".field");
    var id = input.id + "_error";
    var error = document.getElementById(id);
    if (!message) {
      if (error) error.remove();
      field.classList.remove("has-error");
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", (input.getAttribute("aria-describedby") || "").replace(id, "").trim());
      return;
    }
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.id = id;
      field.appendChild(error);
    }
    error.textContent = message;
    error.setAttribute("role", "alert");
    field.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    if ((input.getAttribute("aria-describedby") || "").indexOf(id) === -1) {
      input.setAttribute("aria-describedby", (id + " " + (input.getAttribute("aria-describedby") || "")).trim());
    }
  }

  function setAmount(form, name, text) {
    var element = form.querySelector('[data-quote="' + name + '"]');
    if (element) element.textContent = text;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-checkout]");
    if (!form) return;
    var input = form.querySelector("[name=voucher_code]");
    var ok = form.querySelector("[data-voucher-ok]");
    var button = form.querySelector("[data-apply-voucher]");

    button.addEventListener("click", function (event) {
      event.preventDefault();
      var items = Array.prototype.map.call(form.querySelectorAll("input[name=item]"), function (hidden) {
        var cut = hidden.value.lastIndexOf(":");
        return { productId: hidden.value.slice(0, cut), quantity: parseInt(hidden.value.slice(cut + 1), 10) };
      });
      var code = input.value.trim();
      window.AmazeGraphQL.run("QuoteCart", { items: items, voucherCode: code || null }).then(function (data) {
        var payload = data.quoteCart;
        if (payload.errors.length) {
          ok.hidden = true;
          showError(input, payload.errors.map(function (item) { return item.message; }).join(" "));
          return window.AmazeGraphQL.run("QuoteCart", { items: items }).then(function (plain) {
            return plain.quoteCart.quote;
          });
        }
        showError(input, "");
        ok.textContent = code ? form.getAttribute("data-msg-applied") + " " + payload.quote.voucher.code : "";
        ok.hidden = !code;
        return payload.quote;
      }).then(function (quote) {
        if (!quote) return;
        setAmount(form, "subtotal", quote.subtotal.display);
        setAmount(form, "promotionDiscount", "−" + quote.promotionDiscount.display);
        setAmount(form, "voucherDiscount", "−" + quote.voucherDiscount.display);
        setAmount(form, "total", quote.total.display);
      }).catch(function () {
        showError(input, form.getAttribute("data-msg-failed"));
      });
    });
  });
})();
