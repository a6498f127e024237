/*
 * The admin's translated fields, one language at a time: above each group of fields that
 * modeltranslation gives per language (`title_en`, `title_th`: widgets classed
 * "mt mt-field-title-en"), a row of tabs (English | ไทย) shows one language's fields and hides
 * the others'. Without JavaScript every language's fields stay visible, one under the other.
 *
 * Our own few lines rather than modeltranslation's tabs, which load jQuery UI from a CDN that
 * the Content-Security-Policy refuses. Loaded as a file (no inline script: CSP).
 */
(function () {
  "use strict";

  var LANGUAGE_NAMES = { en: "English", th: "ไทย" };
  var FIELD_CLASS = /(?:^|\s)mt-field-\S+-([a-z]{2}(?:_[a-z]+)?)(?:\s|$)/;
  var HIDDEN = "language-tabs__hidden";
  var counter = 0;

  function languageOf(widget) {
    var match = FIELD_CLASS.exec(widget.className);
    return match ? match[1] : null;
  }

  // The smallest box holding one field: a field beside others on one line (".fieldBox"), or
  // its whole row.
  function boxOf(widget) {
    return widget.closest(".fieldBox") || widget.closest(".form-row");
  }

  function groupsIn(fieldset) {
    var byLanguage = {};
    var order = [];
    fieldset.querySelectorAll(".mt").forEach(function (widget) {
      var language = languageOf(widget);
      var box = boxOf(widget);
      if (!language || !box || box.closest("fieldset") !== fieldset) {
        return;
      }
      if (!byLanguage[language]) {
        byLanguage[language] = [];
        order.push(language);
      }
      if (byLanguage[language].indexOf(box) === -1) {
        byLanguage[language].push(box);
      }
    });
    return { byLanguage: byLanguage, order: order };
  }

  function show(tabs, language) {
    tabs.buttons.forEach(function (button) {
      var chosen = button.dataset.language === language;
      button.setAttribute("aria-selected", chosen ? "true" : "false");
      button.tabIndex = chosen ? 0 : -1;
    });
    tabs.order.forEach(function (code) {
      tabs.byLanguage[code].forEach(function (box) {
        box.classList.toggle(HIDDEN, code !== language);
      });
    });
  }

  function onKey(tabs, event) {
    var index = tabs.buttons.indexOf(event.target);
    var next = null;
    if (event.key === "ArrowRight") next = (index + 1) % tabs.buttons.length;
    if (event.key === "ArrowLeft") next = (index - 1 + tabs.buttons.length) % tabs.buttons.length;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = tabs.buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    tabs.buttons[next].focus();
    show(tabs, tabs.buttons[next].dataset.language);
  }

  function hasErrors(boxes) {
    return boxes.some(function (box) {
      return box.classList.contains("errors") || box.querySelector(".errorlist");
    });
  }

  function setUp(fieldset) {
    if (fieldset.dataset.languageTabs || fieldset.closest(".empty-form, .tabular")) {
      return;
    }
    var tabs = groupsIn(fieldset);
    if (tabs.order.length < 2) {
      return;
    }
    fieldset.dataset.languageTabs = "on";
    var list = document.createElement("div");
    list.className = "language-tabs";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", "Language");
    tabs.buttons = tabs.order.map(function (language) {
      var boxes = tabs.byLanguage[language];
      var ids = boxes.map(function (box) {
        box.id = box.id || "language-tab-panel-" + ++counter;
        box.setAttribute("role", "tabpanel");
        return box.id;
      });
      var button = document.createElement("button");
      button.type = "button";
      button.className = "language-tabs__tab";
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", ids.join(" "));
      button.dataset.language = language;
      button.lang = language;
      button.textContent = LANGUAGE_NAMES[language] || language.toUpperCase();
      if (hasErrors(boxes)) {
        button.classList.add("language-tabs__tab--errors");
      }
      button.addEventListener("click", function () {
        show(tabs, language);
      });
      button.addEventListener("keydown", function (event) {
        onKey(tabs, event);
      });
      return button;
    });
    tabs.buttons.forEach(function (button) {
      list.appendChild(button);
    });
    var first = tabs.byLanguage[tabs.order[0]][0];
    var row = first.closest(".form-row") || first;
    row.parentNode.insertBefore(list, row);
    // The first language (English, the one required), unless only another has mistakes to fix.
    var start = tabs.order.filter(function (code) {
      return hasErrors(tabs.byLanguage[code]);
    })[0];
    show(tabs, start || tabs.order[0]);
  }

  function setUpAll(root) {
    root.querySelectorAll("fieldset").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAll(document);
  });
  // "Add another pull quote": the new form, copied from the template form, gets its own tabs.
  document.addEventListener("formset:added", function (event) {
    setUpAll(event.target);
  });
})();
