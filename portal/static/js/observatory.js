// Observatory pages: charts and the map are drawn from the accessible
// tables under them (one source of figures), so without JavaScript the
// tables say everything. Protected figures have no data-value: they are
// gaps in the line, never zeros.
(function () {
  "use strict";

  function drawCharts() {
    if (typeof window.Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart-for]").forEach(function (canvas) {
      var table = document.getElementById(canvas.getAttribute("data-chart-for"));
      if (!table) return;
      var labels = [], values = [];
      table.querySelectorAll("tbody tr[data-value]").forEach(function (row) {
        labels.push(row.querySelector("th").textContent.trim().replace(/\s*✓$/, ""));
        var value = row.getAttribute("data-value");
        values.push(value === "" ? null : Number(value));
      });
      if (labels.length < 2) return;
      canvas.parentElement.hidden = false;
      new window.Chart(canvas, {
        type: "line",
        data: { labels: labels, datasets: [{ label: table.getAttribute("data-label"), data: values,
          borderColor: "#1d4f91", backgroundColor: "#1d4f91", spanGaps: false, tension: 0.2 }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
      });
    });
  }

  function drawMap() {
    var element = document.getElementById("unmet-map");
    if (!element || typeof window.L === "undefined") return;
    var table = document.getElementById(element.getAttribute("data-table"));
    var rows = table ? table.querySelectorAll("tr[data-lat]") : [];
    if (!rows.length) return;
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(element.getAttribute("data-tiles"), {
      maxZoom: 16, attribution: "© OpenStreetMap"
    }).addTo(map);
    var bounds = [], largest = 1;
    rows.forEach(function (row) { largest = Math.max(largest, Number(row.getAttribute("data-count"))); });
    rows.forEach(function (row) {
      var lat = Number(row.getAttribute("data-lat")), lon = Number(row.getAttribute("data-lon"));
      var count = Number(row.getAttribute("data-count"));
      // Area proportional to the count, on the commune's centre: no false precision.
      window.L.circleMarker([lat, lon], { radius: 4 + 18 * Math.sqrt(count / largest),
        color: "#b3261e", weight: 1, fillOpacity: 0.45 })
        .bindTooltip(row.querySelector("th").textContent + " : " + count).addTo(map);
      bounds.push([lat, lon]);
    });
    map.fitBounds(bounds, { padding: [20, 20] });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); drawMap(); });
})();
