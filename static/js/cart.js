/* The mini-cart: progressive enhancement only. Without this script the header link leads to
   /cart/ and every form posts and redirects as usual. With it, the header count follows the
   server's answers, the "Your Cart" panel (rendered by the server) opens in place, and add-to-cart
   and donation forms post in the background. */
(function () {
  "use strict";

  var root = document.querySelector("[data-mini-cart]");
  if (!root || !window.fetch) return;

  // Addresses come from the page (data-* attributes set with {% url %}), never from this file.
  var summaryUrl = root.getAttribute("data-summary-url");
  var donationUrl = root.getAttribute("data-donation-url");

  var link = root.querySelector("[data-cart-link]");
  var countText = root.querySelector("[data-cart-count-text]");
  var panel = root.querySelector("[data-cart-panel]");
  var body = root.querySelector("[data-cart-body]");
  var closeButton = root.querySelector("[data-cart-close]");
  var failed = body.querySelector("[data-cart-failed]"); // the server's words for a failed load
  var csrfToken = null;
  var lastFocus = null;

  var status = document.createElement("div");
  status.className = "cart-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function showCount(text) {
    if (text) countText.textContent = text;
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

  // The panel's markup is the server's (summary.json's panel_html): nothing is rebuilt here.
  function render(summary) {
    body.innerHTML = summary.panel_html;
    showCount(summary.count_text);
  }

  function loadSummary() {
    return fetch(summaryUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
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
        body.textContent = "";
        failed.hidden = false;
        body.appendChild(failed);
      });
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    link.setAttribute("aria-expanded", "false");
    root.classList.remove("mini-cart--open");
    (lastFocus && document.body.contains(lastFocus) ? lastFocus : link).focus();
  }

  function post(url, data) {
    var send = csrfToken ? Promise.resolve() : loadSummary();
    return send.then(function () {
      return fetch(url, {
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
    return post(form.getAttribute("action"), data)
      .then(function (result) {
        announce(result.message, !result.ok);
        if (result.cart) {
          showCount(result.cart.count_text);
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

  // Forms marked data-cart-form (add to cart, donations) post in the background.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-cart-form]")) return;
    event.preventDefault();
    submitInBackground(form, new FormData(form));
  });

  // The home page's donation form is a GET to the cart page (so the home page stays cacheable);
  // with the script it gives in place.
  document.querySelectorAll("[data-donation-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.append("amount", form.querySelector("input[name=donation]").value);
      post(donationUrl, data).then(function (result) {
        announce(result.message, !result.ok);
        if (result.ok) {
          showCount(result.cart.count_text);
          openPanel();
        }
      });
    });
  });
})();
