// The programme form, from data-* attributes (the Content-Security-Policy allows no inline script).
// Without this script the form still works: every choice is listed (the server checks the pairs),
// one row per year of the period is shown and one empty partner row.
//   <select data-filter-by="id_x">  shows only the options whose data-parent is the value chosen in #id_x
//   #id_horizon                     checked against the first year as it is chosen (#horizon-check)
//   #years-rows                     follows the first and last year: a row for each year of the period
// (the partner rows' "add" button is site/behaviours.js's data-formset-add, loaded before this file)
(function () {
  "use strict";

  function filterChoices(select, reset) {
    const parent = document.getElementById(select.dataset.filterBy);
    if (!parent) return;
    const wanted = parent.value;
    select.querySelectorAll("option[data-parent]").forEach(function (option) {
      const fits = !wanted || option.dataset.parent === wanted || (!reset && option.selected);
      option.hidden = !fits;
      option.disabled = !fits;
    });
    select.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    if (reset && select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = "";
  }

  function fill(text, values) {
    return Object.keys(values).reduce(function (out, key) {
      return out.split("{" + key + "}").join(String(values[key]));
    }, text);
  }

  function checkHorizon() {
    const horizon = document.getElementById("id_horizon");
    const start = document.getElementById("id_start_year");
    const out = document.getElementById("horizon-check");
    if (!horizon || !start || !out) return;
    out.textContent = "";
    out.classList.remove("text-danger");
    if (!start.value) return;
    const n = Number(start.value) - Number(horizon.dataset.planStart) + 1;
    const chosen = horizon.selectedOptions[0];
    if (chosen && chosen.dataset.first) {
      const first = Number(chosen.dataset.first);
      const last = Number(chosen.dataset.last);
      if (n < first || n > last) {
        out.textContent = fill(horizon.dataset.mismatch, { year: start.value, n: n, chosen: chosen.textContent.trim(), first: first, last: last });
        out.classList.add("text-danger");
      }
      return;
    }
    const derived = Array.from(horizon.options).find(function (o) {
      return o.dataset.first && Number(o.dataset.first) <= n && n <= Number(o.dataset.last);
    });
    if (derived) out.textContent = fill(horizon.dataset.derived, { name: derived.textContent.trim() });
  }

  function syncYears() {
    const body = document.getElementById("years-rows");
    const start = Number((document.getElementById("id_start_year") || {}).value);
    const end = Number((document.getElementById("id_end_year") || {}).value);
    if (!body || !start || !end || start > end) return;
    const present = new Set();
    body.querySelectorAll("tr[data-year]").forEach(function (row) {
      const year = Number(row.dataset.year);
      present.add(year);
      if (row.hasAttribute("data-saved")) return; // a saved year is removed only by its own tick
      const remove = row.querySelector("input[name$='-DELETE']");
      const inside = start <= year && year <= end;
      row.hidden = !inside;
      if (remove) remove.checked = !inside;
    });
    for (let year = start; year <= end; year += 1) {
      if (present.has(year)) continue;
      const row = window.addFormsetRow("years");
      row.dataset.year = String(year);
      row.querySelector("input[name$='-year']").value = String(year);
      row.querySelector("[data-year-label]").prepend(String(year));
    }
    Array.from(body.querySelectorAll("tr[data-year]"))
      .sort(function (a, b) { return Number(a.dataset.year) - Number(b.dataset.year); })
      .forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("select[data-filter-by]").forEach(function (select) {
    filterChoices(select, false);
    const parent = document.getElementById(select.dataset.filterBy);
    if (parent) parent.addEventListener("change", function () { filterChoices(select, true); });
  });
  ["id_horizon", "id_start_year"].forEach(function (id) {
    const field = document.getElementById(id);
    if (field) field.addEventListener("change", checkHorizon);
  });
  ["id_start_year", "id_end_year"].forEach(function (id) {
    const field = document.getElementById(id);
    if (field) field.addEventListener("change", syncYears);
  });
  checkHorizon();
  syncYears();
})();
