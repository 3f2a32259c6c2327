// Programme dashboard: two Chart.js bar charts and a Leaflet map of the districts. The figures come
// from json_script blocks (#chart-data, #map-data), the series labels from the canvas's data-*
// attributes (translated in the template).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const count = document.getElementById("chart-count");
  new Chart(count, {
    type: "bar",
    data: { labels: data.labels, datasets: [
      { label: count.dataset.labelProgrammes, data: data.programmes, backgroundColor: "#0d6efd" },
      { label: count.dataset.labelRealised, data: data.realised, backgroundColor: "#198754" } ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById("chart-budget"), {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: "Rp", data: data.budget, backgroundColor: "#6f42c1" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } } }
  });
  const points = JSON.parse(document.getElementById("map-data").textContent).filter(function (p) { return p.lat !== null && p.lng !== null; });
  const map = L.map("map", { attributionControl: false, zoomSnap: 0.25 });
  const markers = points.map(function (p) {
    return L.circleMarker([p.lat, p.lng], {
      radius: 8 + Math.sqrt(p.programmes) * 5, color: "#0d6efd", fillColor: "#0d6efd", fillOpacity: p.programmes ? 0.5 : 0.1, weight: 2 })
      .bindTooltip(p.name + ": " + p.programmes, { permanent: true, direction: "right", className: "district-label" })
      .addTo(map);
  });
  if (markers.length) { map.fitBounds(L.featureGroup(markers).getBounds().pad(0.4)); } else { map.setView([-2.5, 118], 4); }
})();
