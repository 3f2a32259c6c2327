// Small page behaviours for every page, declared in the markup with data-* attributes (the
// Content-Security-Policy allows no inline event handlers). Delegated from the document so that
// content htmx swaps in later behaves the same.
//   <form data-confirm="Question?">   asks before submitting (htmx forms use hx-confirm instead)
//   <select data-autosubmit>          submits its form when the choice changes
//   <button data-remove-closest="li"> removes the closest matching ancestor (e.g. an unsaved form)
(function () {
  "use strict";
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
})();
