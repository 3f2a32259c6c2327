// Programme dashboard: two Chart.js bar charts (horizontal, so that the dimensions' names stay
// whole on a phone) and a Leaflet map of the districts, each point labelled with its district and
// number of programmes. The figures come from json_script blocks (#chart-data, #map-data), the
// translated words from the canvas's and the map's data-* attributes.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const locale = document.documentElement.lang || "id";
  const narrow = window.matchMedia("(max-width: 575.98px)").matches;
  // "Smart Living (Kehidupan Cerdas)" on two lines, so that no label is cut or overlaps another.
  const labels = data.labels.map(function (label) {
    const at = label.indexOf(" (");
    return at > 0 ? [label.slice(0, at), label.slice(at + 1)] : label;
  });
  const number = new Intl.NumberFormat(locale);
  const legend = { position: narrow ? "bottom" : "top" };
  const count = document.getElementById("chart-count");
  new Chart(count, {
    type: "bar",
    data: { labels: labels, datasets: [
      { label: count.dataset.labelProgrammes, data: data.programmes, backgroundColor: "#0d6efd" },
      { label: count.dataset.labelRealised, data: data.realised, backgroundColor: "#198754" } ] },
    options: {
      locale: locale, indexAxis: "y", aspectRatio: narrow ? 0.8 : 1.6,
      plugins: { legend: legend },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false, font: { size: 11 } } } } }
  });
  new Chart(document.getElementById("chart-budget"), {
    type: "bar",
    data: { labels: labels, datasets: [{ label: "Rp", data: data.budget, backgroundColor: "#6f42c1" }] },
    options: {
      locale: locale, indexAxis: "y", aspectRatio: narrow ? 0.8 : 1.6,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return "Rp " + number.format(c.parsed.x); } } } },
      scales: {
        x: { beginAtZero: true, ticks: { maxRotation: 0, autoSkip: true, callback: function (v) { return compact(v); } } },
        y: { ticks: { autoSkip: false, font: { size: 11 } } } } }
  });
  function compact(value) {
    // 30.000.000.000 does not fit under a phone's axis: "30 M" (miliar) in Indonesian, "30B" in English.
    return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
  }
  const points = JSON.parse(document.getElementById("map-data").textContent).filter(function (p) { return p.lat !== null && p.lng !== null; });
  const box = document.getElementById("map");
  const map = L.map(box, { attributionControl: false, zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut }).addTo(map);
  const markers = points.map(function (p) {
    return L.circleMarker([p.lat, p.lng], {
      radius: 8 + Math.sqrt(p.programmes) * 5, color: "#0d6efd", fillColor: "#0d6efd", fillOpacity: p.programmes ? 0.5 : 0.1, weight: 2 })
      .bindTooltip(p.name + " · " + p.programmes + " " + box.dataset.unit, { permanent: true, direction: "auto", className: "district-label" })
      .addTo(map);
  });
  if (markers.length) { map.fitBounds(L.featureGroup(markers).getBounds().pad(0.4)); } else { map.setView([-2.5, 118], 4); }
})();
