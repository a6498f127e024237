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

  // A notice carried to the next page (a gift given here is thanked for on the cart page).
  var NOTICE_KEY = "freedomstory:notice";
  function remember(message) {
    try {
      window.sessionStorage.setItem(NOTICE_KEY, message);
    } catch (error) {
      /* storage refused (private mode): the cart page still shows the gift */
    }
  }
  try {
    var carried = window.sessionStorage.getItem(NOTICE_KEY);
    if (carried) {
      window.sessionStorage.removeItem(NOTICE_KEY);
      announce(carried, false);
    }
  } catch (error) {
    /* no storage: nothing was carried */
  }

  // The gift choosers (the Donate page, the home page) are GET forms to the confirmation step,
  // so shared pages stay cacheable and work without this script. With it, a one-time gift is
  // given in place through the cart's own gift endpoint, and the donor goes to the cart. A
  // monthly gift keeps its confirmation step: it leaves for Stripe's page next.
  function chosenAmount(form) {
    var other = form.querySelector("input[name=other_amount]");
    if (other && other.value.trim()) return other.value.trim();
    var chosen =
      form.querySelector("input[name=amount]:checked") ||
      form.querySelector("input[name=amount]:not([type=radio])");
    return chosen ? chosen.value : "";
  }

  document.querySelectorAll("[data-donation-form]").forEach(function (form) {
    var statusLine = form.querySelector("[data-donation-status]");
    var other = form.querySelector("input[name=other_amount]");
    var presets = form.querySelectorAll("input[name=amount][type=radio]");
    var button = form.querySelector("button[type=submit]");
    // What was said about the last figure goes as soon as the donor changes it.
    var typed = other || form.querySelector("input[name=amount]:not([type=radio])");
    function clearStatus() {
      if (typed) typed.removeAttribute("aria-invalid");
      if (!statusLine) return;
      statusLine.textContent = "";
      statusLine.className = "donation-form__status";
    }
    form.addEventListener("input", clearStatus);
    // One amount is chosen at a time: typing your own clears the suggestion, and back.
    if (other) {
      other.addEventListener("input", function () {
        if (other.value.trim()) presets.forEach(function (radio) { radio.checked = false; });
      });
      presets.forEach(function (radio) {
        radio.addEventListener("change", function () { other.value = ""; });
      });
    }
    // Back from the cart, the browser may show this page as it was left: button disabled.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && button) button.disabled = false;
    });
    form.addEventListener("submit", function (event) {
      var frequency = form.querySelector("input[name=frequency]:checked") ||
        form.querySelector("input[name=frequency][type=hidden]");
      if (frequency && frequency.value === "monthly") return;
      event.preventDefault();
      if (button) button.disabled = true;
      var data = new FormData();
      data.append("amount", chosenAmount(form));
      post(donationUrl, data)
        .then(function (result) {
          if (result.ok) {
            remember(result.message); // said on the cart page, where the donor goes next
            window.location.assign(link.getAttribute("href"));
            return;
          }
          if (typed && typed.value.trim()) typed.setAttribute("aria-invalid", "true");
          if (statusLine) {
            statusLine.textContent = result.message;
            statusLine.className = "donation-form__status field-error";
          }
          announce(result.message, true);
          if (button) button.disabled = false;
        })
        .catch(function () {
          form.submit(); // the confirmation step still works
        });
    });
  });
})();
