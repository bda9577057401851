// The offline page: the pages kept by the service worker (sw.js), newest
// first, and a button to forget them (a shared phone).
(function () {
  "use strict";
  var box = document.getElementById("offline-read");
  var list = document.getElementById("offline-pages");
  if (!box || !window.caches) { return; }
  caches.match("/offline/read.json").then(function (r) { return r ? r.json() : []; }).then(function (pages) {
    if (!pages.length) { return; }
    pages.forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry.url;
      a.textContent = entry.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = false;
  }).catch(function () {});
  document.getElementById("offline-forget").addEventListener("click", function () {
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("passerelle-pages-") === 0; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () {
      list.textContent = "";
      document.getElementById("offline-forget").hidden = true;
      document.getElementById("offline-forgotten").hidden = false;
    });
  });
})();
