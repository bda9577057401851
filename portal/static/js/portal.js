// Every page: the header's menu and the service worker. Without JavaScript
// the menu is a plain <details> and still opens and closes.
(function () {
  "use strict";

  var menu = document.getElementById("site-menu");
  if (menu) {
    // On wide screens the menu is laid out in the bar, always open (CSS does
    // it with ::details-content; this is for browsers without it).
    var wide = window.matchMedia("(min-width: 60rem)");
    var syncWide = function () { if (wide.matches) { menu.open = true; } else { menu.open = false; } };
    syncWide();
    if (wide.addEventListener) { wide.addEventListener("change", syncWide); }

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !wide.matches && !menu.contains(event.target)) { menu.open = false; }
    });
  }

  // The service worker (/sw.js): an offline page with the help numbers and
  // the pages read last. Registered once the page has loaded, so it never
  // competes with the page for a slow connection.
  if ("serviceWorker" in navigator && document.body.dataset.sw) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(document.body.dataset.sw).catch(function () {});
    });
  }
})();
