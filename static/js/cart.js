/* The mini-cart: progressive enhancement only. Without this script the header link leads to
   /cart/ and every form posts and redirects as usual. With it, the header count follows the
   cart_count cookie (pages are shared and cached), the "Your Cart" panel opens in place, and
   add-to-cart and gift forms post in the background. */
(function () {
  "use strict";

  var root = document.querySelector("[data-mini-cart]");
  if (!root || !window.fetch) return;

  var link = root.querySelector("[data-cart-link]");
  var countText = root.querySelector("[data-cart-count-text]");
  var panel = root.querySelector("[data-cart-panel]");
  var body = root.querySelector("[data-cart-body]");
  var closeButton = root.querySelector("[data-cart-close]");
  var csrfToken = null;
  var lastFocus = null;

  var status = document.createElement("div");
  status.className = "cart-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function describe(count) {
    return count + (count === 1 ? " item" : " items") + " in cart";
  }

  function readCountCookie() {
    var match = document.cookie.match(/(?:^|;\s*)cart_count=(\d+)/);
    return match ? parseInt(match[1], 10) : 0;
  }

  function showCount(count) {
    countText.textContent = describe(count);
  }

  function announce(message, isError) {
    status.textContent = "";
    status.className = "cart-status" + (isError ? " cart-status--error" : "");
    // A fresh text node makes screen readers announce the same message twice in a row too.
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () {
      status.textContent = "";
    }, 6000);
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function render(summary) {
    body.textContent = "";
    if (summary.is_empty) {
      body.appendChild(element("p", { class: "mini-cart__empty" }, "Your cart is empty"));
      var back = element("a", { class: "button", href: "/shop/" }, "Return to Shop");
      body.appendChild(back);
    } else {
      if (summary.lines.length) {
        var list = element("ul", { class: "mini-cart__lines" });
        summary.lines.forEach(function (line) {
          var item = element("li", { class: "mini-cart__line" });
          if (line.image) {
            item.appendChild(element("img", { src: line.image, alt: "", width: "48", height: "48", loading: "lazy" }));
          }
          var text = element("div");
          text.appendChild(element("a", { href: line.url }, line.name));
          text.appendChild(element("span", { class: "mini-cart__meta" }, line.quantity + " × " + line.unit_price));
          item.appendChild(text);
          item.appendChild(element("span", { class: "mini-cart__line-total" }, line.line_total));
          list.appendChild(item);
        });
        body.appendChild(list);
      }
      if (summary.donation) {
        var gift = element("p", { class: "mini-cart__gift" });
        gift.appendChild(element("span", {}, "Your gift"));
        gift.appendChild(element("span", {}, summary.donation));
        body.appendChild(gift);
      }
      var total = element("p", { class: "mini-cart__subtotal" });
      total.appendChild(element("span", {}, "Subtotal"));
      total.appendChild(element("strong", {}, summary.total));
      body.appendChild(total);
      var actions = element("p", { class: "mini-cart__actions" });
      actions.appendChild(element("a", { class: "button", href: "/cart/" }, "View cart"));
      if (summary.checkout_url) {
        actions.appendChild(element("a", { class: "button button--secondary", href: summary.checkout_url }, "Checkout"));
      }
      body.appendChild(actions);
    }
    body.appendChild(giftForm(summary.donation));
    (summary.notices || []).forEach(function (notice) {
      body.insertBefore(element("p", { class: "message message--warning" }, notice), body.firstChild);
    });
    showCount(summary.count);
  }

  function giftForm(current) {
    var form = element("form", { class: "mini-cart__give", method: "post", action: "/cart/donation/", "data-cart-form": "" });
    form.appendChild(element("label", { for: "mini-cart-gift" }, current ? "Change your gift" : "Add a gift"));
    var row = element("div", { class: "donation-form__row" });
    row.appendChild(element("input", { type: "text", inputmode: "decimal", name: "amount", id: "mini-cart-gift", autocomplete: "off", value: "" }));
    row.appendChild(element("button", { type: "submit" }, current ? "Update" : "Give"));
    form.appendChild(row);
    return form;
  }

  function loadSummary() {
    return fetch("/cart/summary.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (summary) {
        csrfToken = summary.csrf_token;
        return summary;
      });
  }

  function focusables() {
    return Array.prototype.filter.call(
      panel.querySelectorAll("a[href], button:not([disabled]), input:not([disabled])"),
      function (node) {
        return node.offsetParent !== null;
      }
    );
  }

  function openPanel() {
    lastFocus = document.activeElement;
    panel.hidden = false;
    link.setAttribute("aria-expanded", "true");
    root.classList.add("mini-cart--open");
    closeButton.focus();
    loadSummary()
      .then(render)
      .catch(function () {
        body.textContent = "We could not load your cart. ";
        body.appendChild(element("a", { href: "/cart/" }, "Open the cart page"));
      });
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    link.setAttribute("aria-expanded", "false");
    root.classList.remove("mini-cart--open");
    (lastFocus && document.body.contains(lastFocus) ? lastFocus : link).focus();
  }

  function post(form, data) {
    var send = csrfToken ? Promise.resolve() : loadSummary();
    return send.then(function () {
      return fetch(form.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
        body: data,
      });
    }).then(function (response) {
      return response.json();
    });
  }

  function submitInBackground(form, data) {
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    return post(form, data)
      .then(function (result) {
        announce(result.message, !result.ok);
        if (result.cart) {
          showCount(result.cart.count);
          if (!panel.hidden) render(result.cart);
        }
        return result;
      })
      .catch(function () {
        form.submit(); // the server's own path still works
      })
      .finally(function () {
        if (button) button.disabled = false;
      });
  }

  // --- wiring ---------------------------------------------------------------------------------

  link.setAttribute("role", "button");
  link.setAttribute("aria-haspopup", "dialog");
  link.setAttribute("aria-expanded", "false");
  link.setAttribute("aria-controls", panel.id);
  showCount(readCountCookie());

  link.addEventListener("click", function (event) {
    event.preventDefault();
    if (panel.hidden) openPanel();
    else closePanel();
  });
  link.addEventListener("keydown", function (event) {
    if (event.key === " ") {
      event.preventDefault();
      link.click();
    }
  });
  closeButton.addEventListener("click", closePanel);

  document.addEventListener("keydown", function (event) {
    if (panel.hidden) return;
    if (event.key === "Escape") {
      event.preventDefault();
      closePanel();
    } else if (event.key === "Tab") {
      var items = focusables();
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      } else if (!panel.contains(document.activeElement)) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !root.contains(event.target)) closePanel();
  });

  // Forms marked data-cart-form (add to cart, gifts) post in the background.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-cart-form]")) return;
    event.preventDefault();
    submitInBackground(form, new FormData(form));
  });

  // The home page's gift form is a GET to /cart/ (cacheable); with the script it gives in place.
  document.querySelectorAll("[data-gift-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.append("amount", form.querySelector("input[name=gift]").value);
      var target = { getAttribute: function () { return "/cart/donation/"; } };
      post(target, data).then(function (result) {
        announce(result.message, !result.ok);
        if (result.ok) {
          showCount(result.cart.count);
          openPanel();
        }
      });
    });
  });
})();
