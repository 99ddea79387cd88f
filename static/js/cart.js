// The shop's cart, kept in this browser (localStorage) until the order is placed.
// Prices shown here come from the server (QuoteCart); the stored name and price only fill the
// table until the server responds.
(function () {
  "use strict";

  var STORAGE_KEY = "amaze.cart.v1";
  var MAX_QUANTITY = 99;

  function readCart() {
    try {
      var lines = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(lines) ? lines.filter(function (line) { return line && line.id && line.quantity > 0; }) : [];
    } catch (error) {
      return [];
    }
  }

  function writeCart(lines) {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
    updateCounts(lines);
  }

  function updateCounts(lines) {
    var count = lines.reduce(function (sum, line) { return sum + line.quantity; }, 0);
    document.querySelectorAll("[data-cart-count]").forEach(function (element) {
      element.textContent = String(count);
    });
  }

  function addToCart(button) {
    var lines = readCart();
    var id = button.getAttribute("data-product-id");
    var line = lines.find(function (candidate) { return candidate.id === id; });
    if (line) {
      line.quantity = Math.min(MAX_QUANTITY, line.quantity + 1);
    } else {
      lines.push({ id: id, name: button.getAttribute("data-product-name"), price: button.getAttribute("data-product-price"), quantity: 1 });
    }
    writeCart(lines);
    var status = document.querySelector("[data-cart-status]");
    if (status) {
      status.textContent = status.getAttribute("data-msg-added") + " " + button.getAttribute("data-product-name");
    }
  }

  function cell(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function renderCartPage(root) {
    var lines = readCart();
    root.querySelector("[data-cart-empty]").hidden = lines.length > 0;
    root.querySelector("[data-cart-filled]").hidden = lines.length === 0;
    var body = root.querySelector("[data-cart-lines]");
    body.textContent = "";
    var form = root.querySelector("[data-checkout-form]");
    form.querySelectorAll("input[name=item]").forEach(function (input) { input.remove(); });
    if (!lines.length) return;

    lines.forEach(function (line, index) {
      var row = document.createElement("tr");
      row.setAttribute("data-line", line.id);
      var name = cell("th", "", line.name);
      name.scope = "row";
      name.appendChild(cell("span", "line-promo", ""));
      name.lastChild.hidden = true;
      var remove = cell("button", "link-button remove-line", root.getAttribute("data-msg-remove"));
      remove.type = "button";
      remove.appendChild(cell("span", "visually-hidden", ": " + line.name));
      remove.addEventListener("click", function () {
        writeCart(readCart().filter(function (candidate) { return candidate.id !== line.id; }));
        renderCartPage(root);
      });
      name.appendChild(remove);
      row.appendChild(name);

      var quantityCell = cell("td");
      var input = document.createElement("input");
      input.type = "number";
      input.min = "1";
      input.max = String(MAX_QUANTITY);
      input.value = String(line.quantity);
      input.id = "quantity-" + index;
      input.className = "quantity";
      input.setAttribute("aria-label", root.getAttribute("data-msg-quantity") + " " + line.name);
      input.addEventListener("change", function () {
        var value = parseInt(input.value, 10);
        var current = readCart();
        current.forEach(function (candidate) {
          if (candidate.id === line.id) candidate.quantity = Math.max(1, Math.min(MAX_QUANTITY, value || 1));
        });
        writeCart(current);
        renderCartPage(root);
      });
      quantityCell.appendChild(input);
      row.appendChild(quantityCell);

      row.appendChild(cell("td", "num line-total", line.price || ""));

      body.appendChild(row);

      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "item";
      hidden.value = line.id + ":" + line.quantity;
      form.appendChild(hidden);
    });
    priceCart(root, lines);
  }

  function priceCart(root, lines) {
    var error = root.querySelector("[data-cart-error]");
    var items = lines.map(function (line) { return { productId: line.id, quantity: line.quantity }; });
    window.AmazeGraphQL.run("QuoteCart", { items: items }).then(function (data) {
      var payload = data.quoteCart;
      if (payload.errors.length) {
        error.textContent = payload.errors.map(function (item) { return item.message; }).join(" ");
        error.hidden = false;
        return;
      }
      error.hidden = true;
      var quote = payload.quote;
      quote.lines.forEach(function (quoted) {
        var row = root.querySelector('[data-line="' + CSS.escape(quoted.product.id) + '"]');
        if (!row) return;
        row.querySelector(".line-total").textContent = quoted.lineSubtotal.display;
        var promo = row.querySelector(".line-promo");
        if (quoted.promotionTitle) {
          promo.textContent = root.getAttribute("data-msg-promotion") + ": " + quoted.promotionTitle + " −" + quoted.promotionDiscount.display;
          promo.hidden = false;
        } else {
          promo.hidden = true;
        }
      });
      root.querySelector('[data-quote="subtotal"]').textContent = quote.subtotal.display;
      root.querySelector('[data-quote="promotionDiscount"]').textContent = "−" + quote.promotionDiscount.display;
      root.querySelector('[data-quote="total"]').textContent = quote.total.display;
    }).catch(function () {
      error.textContent = root.getAttribute("data-msg-failed");
      error.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("[data-clear-cart]")) {
      // The order is placed: the cart has done its job.
      writeCart([]);
    }
    updateCounts(readCart());
    document.querySelectorAll("[data-add-to-cart]").forEach(function (button) {
      button.addEventListener("click", function () { addToCart(button); });
    });
    var cartPage = document.querySelector("[data-cart-page]");
    if (cartPage) renderCartPage(cartPage);
  });
})();
