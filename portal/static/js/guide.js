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

  // After a search the results are in view (the form's action ends with
  // #results) and the heading, with the count, has the focus: a screen
  // reader says how many were found, and the next Tab goes to the first one.
  var heading = document.getElementById("results-title");
  if (heading && window.location.hash === "#results") {
    // After the load: the browser's own scroll to #results comes then, and
    // would leave the focus on the page.
    var focusResults = function () { heading.focus({ preventScroll: true }); heading.scrollIntoView({ block: "start" }); };
    if (document.readyState === "complete") { focusResults(); }
    else { window.addEventListener("load", function () { setTimeout(focusResults, 0); }); }
  }

  // The map: clustered markers for the results shown in the list, each with
  // its distance, address and the ways to get in touch; a distinct marker
  // for the place searched.
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

  function line(parent, cls, text) {
    if (!text) { return; }
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    parent.appendChild(p);
  }

  function popup(hit) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("p");
    title.className = "map-popup__name";
    var link = document.createElement("a");
    link.href = hit.dataset.url;
    link.textContent = hit.dataset.name;
    title.appendChild(link);
    box.appendChild(title);
    line(box, "map-popup__distance", hit.dataset.distance);
    line(box, "map-popup__address", hit.dataset.address);
    line(box, "map-popup__channels", hit.dataset.channels);
    return box;
  }

  hits.forEach(function (hit) {
    var lat = parseFloat(hit.dataset.lat), lon = parseFloat(hit.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    cluster.addLayer(L.marker([lat, lon], { title: hit.dataset.name, alt: hit.dataset.name })
      .bindPopup(popup(hit)));
    bounds.push([lat, lon]);
  });
  map.addLayer(cluster);
  if (mapElement.dataset.center) {
    var center = mapElement.dataset.center.split(",").map(parseFloat);
    var here = L.circleMarker(center, { radius: 10, weight: 4, color: "#b3261e", fillColor: "#ffffff", fillOpacity: 1 })
      .bindTooltip(mapElement.dataset.placeLabel)
      .bindPopup(mapElement.dataset.placeLabel);
    here.addTo(map);
    bounds.push(center);
  }
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  // On phones the map is behind a toggle at the top of the results; on wide
  // screens it sits beside the list and the toggle is not shown (CSS).
  var toggle = mapBox.querySelector(".map-toggle");
  var wide = window.matchMedia("(min-width: 60rem)");
  function apply() {
    var shown = wide.matches || toggle.getAttribute("aria-expanded") === "true";
    mapElement.classList.toggle("map--hidden", !shown);
    if (shown) { map.invalidateSize(); }
  }
  toggle.addEventListener("click", function () {
    var expanded = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!expanded));
    toggle.textContent = expanded ? toggle.dataset.show : toggle.dataset.hide;
    apply();
  });
  if (wide.addEventListener) { wide.addEventListener("change", apply); }
  apply();
})();
