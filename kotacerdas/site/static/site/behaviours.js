// Small page behaviours for every page, declared in the markup with data-* attributes (the
// Content-Security-Policy allows no inline event handlers). Delegated from the document so that
// content htmx swaps in later behaves the same.
//   <form data-confirm="Question?">   asks before submitting (htmx forms use hx-confirm instead)
//   <select data-autosubmit>          submits its form when the choice changes
//   <button data-remove-closest="li"> removes the closest matching ancestor (e.g. an unsaved form)
//   <button data-formset-add="pfx">  shown, adds a row of a Django formset: the markup of <template id="pfx-template">
//                                     (its empty form) with __prefix__ numbered, at the end of #pfx-rows, and
//                                     counts it in pfx-TOTAL_FORMS (without script: the formset's extra rows)
//   <div data-checkbox-list>          a list of ticks (core.forms.CheckboxList): its filter box is shown
//                                     and hides the choices whose label does not hold the typed text
// An htmx action the server refuses (4xx/5xx) or that cannot reach it shows why above the page,
// instead of a button that seems to do nothing.
(function () {
  "use strict";

  function refusalText(xhr) {
    const type = xhr.getResponseHeader("Content-Type") || "";
    if (type.includes("json")) {
      try {
        return JSON.parse(xhr.responseText).message || "";
      } catch (error) {
        return "";
      }
    }
    const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    const found = page.querySelector("main [role=alert], main .invalid-feedback, [role=alert], .invalid-feedback");
    // An error page's alert has a heading and the reason in a paragraph: the reason says more.
    const reason = found ? found.querySelector("p") || found : null;
    return reason ? reason.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function showMessage(text) {
    const box = document.getElementById("action-messages");
    if (!box) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", document.body.dataset.closeLabel || "Close");
    alert.appendChild(close);
    box.replaceChildren(alert);
    alert.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:responseError", function (event) {
    showMessage(refusalText(event.detail.xhr) || document.body.dataset.refusedMessage);
  });
  document.addEventListener("htmx:sendError", function () {
    showMessage(document.body.dataset.offlineMessage);
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit();
    }
  });
  document.addEventListener("click", function (event) {
    const button = event.target instanceof Element ? event.target.closest("[data-remove-closest]") : null;
    if (button) {
      const target = button.closest(button.dataset.removeClosest);
      if (target) target.remove();
    }
  });

  // A formset row from its empty form (also used by page scripts, e.g. programmes/form.js): the new row.
  function addFormsetRow(prefix) {
    const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    const template = document.getElementById(prefix + "-template");
    const rows = document.getElementById(prefix + "-rows");
    if (!total || !template || !rows) return null;
    const index = Number(total.value);
    rows.insertAdjacentHTML("beforeend", template.innerHTML.split("__prefix__").join(String(index)));
    total.value = String(index + 1);
    return rows.lastElementChild;
  }
  window.addFormsetRow = addFormsetRow;
  document.addEventListener("click", function (event) {
    const button = event.target instanceof Element ? event.target.closest("[data-formset-add]") : null;
    if (!button) return;
    const row = addFormsetRow(button.dataset.formsetAdd);
    const first = row ? row.querySelector("select, input:not([type=hidden]), textarea") : null;
    if (first) first.focus();
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function showFilters(root) {
    root.querySelectorAll("[data-checkbox-list] [data-checkbox-filter], [data-formset-add]").forEach(function (control) {
      control.hidden = false;
    });
  }
  document.addEventListener("input", function (event) {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-checkbox-filter")) return;
    const list = box.closest("[data-checkbox-list]");
    const wanted = fold(box.value.trim());
    let shown = 0;
    list.querySelectorAll(".form-check").forEach(function (choice) {
      const match = !wanted || fold(choice.textContent).includes(wanted);
      choice.hidden = !match;
      if (match) shown += 1;
    });
    const none = list.querySelector("[data-checkbox-none]");
    if (none) none.hidden = shown > 0;
  });
  document.addEventListener("htmx:load", function (event) {
    showFilters(event.target);
  });
  showFilters(document);
})();
