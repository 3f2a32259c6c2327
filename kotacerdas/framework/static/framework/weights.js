// Evaluation weights form: a running total so the 100 % rule is visible before saving (the server
// checks it again).
(function () {
  "use strict";
  const inputs = document.querySelectorAll("input.weight");
  const out = document.getElementById("weights-total");
  if (!out) return;
  function update() {
    let total = 0;
    inputs.forEach(function (i) { total += parseFloat(i.value.replace(",", ".")) || 0; });
    out.textContent = total.toFixed(2).replace(/\.00$/, "");
    out.classList.toggle("text-danger", Math.abs(total - 100) > 0.001);
  }
  inputs.forEach(function (i) { i.addEventListener("input", update); });
  update();
})();
