// Roadmap layout: copies the data-* attributes of the grid into CSS custom properties (through the
// CSSOM, which the Content-Security-Policy allows, unlike inline style attributes).
(function () {
  "use strict";
  const roadmap = document.querySelector(".roadmap[data-years]");
  if (roadmap) roadmap.style.setProperty("--years", roadmap.dataset.years);
  document.querySelectorAll(".rm-bar[data-col]").forEach(function (bar) {
    bar.style.setProperty("--col", bar.dataset.col);
    bar.style.setProperty("--span", bar.dataset.span);
  });
  document.querySelectorAll("[data-colour]").forEach(function (el) {
    el.style.setProperty("--colour", el.dataset.colour);
  });
})();
