/* The guide's search page, better with JavaScript: commune autocomplete,
 * "around me", and a Leaflet map with clustered markers beside the list.
 * Without JavaScript (or without map tiles) the form and the list work alone. */
(function () {
  "use strict";

  var near = document.getElementById("near");
  var options = document.getElementById("near-options");
  var aroundMe = document.querySelector(".around-me");

  // Commune autocomplete from the public API, debounced.
  if (near && options && window.fetch) {
    var timer = null;
    near.addEventListener("input", function () {
      clearTimeout(timer);
      var q = near.value.trim();
      if (q.length < 2 || /^-?\d+(\.\d+)?\s*,/.test(q)) { return; }
      timer = setTimeout(function () {
        fetch("/api/v1/communes?limit=8&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (communes) {
            options.textContent = "";
            communes.forEach(function (c) {
              var option = document.createElement("option");
              option.value = c.name + (c.postal_codes.length ? " " + c.postal_codes[0] : "");
              options.appendChild(option);
            });
          })
          .catch(function () { /* offline: typing still works */ });
      }, 150);
    });
  }

  // "Around me": the browser's position, rounded to ~100 m, as lat,lon.
  if (aroundMe && near && navigator.geolocation) {
    aroundMe.hidden = false;
    aroundMe.addEventListener("click", function () {
      var label = aroundMe.textContent;
      aroundMe.textContent = aroundMe.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
        near.form.submit();
      }, function () {
        aroundMe.textContent = label;
        near.setAttribute("aria-describedby", "near-denied");
        var message = document.getElementById("near-denied") || document.createElement("p");
        message.id = "near-denied";
        message.className = "error";
        message.textContent = aroundMe.dataset.denied;
        near.parentNode.after(message);
        near.focus();
      }, { timeout: 10000, maximumAge: 300000 });
    });
  }

  // The map: clustered markers for the results shown in the list.
  var mapBox = document.querySelector(".results-map");
  var mapElement = document.getElementById("guide-map");
  if (!mapBox || !mapElement || !window.L) { return; }
  mapBox.hidden = false;
  var hits = Array.prototype.slice.call(document.querySelectorAll(".hit"));
  var map = L.map(mapElement, { scrollWheelZoom: false });
  L.tileLayer(mapElement.dataset.tiles, {
    maxZoom: 18,
    attribution: "&copy; OpenStreetMap contributors"
  }).addTo(map);
  var cluster = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
  var bounds = [];
  hits.forEach(function (hit) {
    var lat = parseFloat(hit.dataset.lat), lon = parseFloat(hit.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    var link = document.createElement("a");
    link.href = hit.dataset.url;
    link.textContent = hit.dataset.name;
    cluster.addLayer(L.marker([lat, lon], { title: hit.dataset.name, alt: hit.dataset.name }).bindPopup(link));
    bounds.push([lat, lon]);
  });
  map.addLayer(cluster);
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  } else if (mapElement.dataset.center) {
    map.setView(mapElement.dataset.center.split(",").map(parseFloat), 12);
  }

  // On phones the map is behind a toggle; on wide screens it sits beside the list.
  var toggle = mapBox.querySelector(".map-toggle");
  var wide = window.matchMedia("(min-width: 60rem)");
  function apply() {
    var shown = wide.matches || toggle.getAttribute("aria-expanded") === "true";
    mapElement.classList.toggle("map--hidden", !shown);
    toggle.hidden = wide.matches;
    if (shown) { map.invalidateSize(); }
  }
  toggle.addEventListener("click", function () {
    var expanded = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!expanded));
    toggle.textContent = expanded ? toggle.dataset.show : toggle.dataset.hide;
    apply();
  });
  wide.addEventListener("change", apply);
  apply();
})();
