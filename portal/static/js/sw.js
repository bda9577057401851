// Passerelle's service worker (served at /sw.js; see portal/core/pwa.py).
// Offline, a page read before opens again, and any other page gives the
// offline page: the help numbers and the pages read last.
// To extend (web push, background sync…), add listeners below the marked
// section; bump VERSION when the caching rules change.
"use strict";

var VERSION = "1";
var OFFLINE_URL = "/offline";
var CACHES = {
  offline: "passerelle-offline-v" + VERSION,
  pages: "passerelle-pages-v" + VERSION,
  static: "passerelle-static-v" + VERSION
};
// The index of the pages kept (url, title, when), read by the offline page.
var INDEX_URL = "/offline/read.json";
var PAGES_KEPT = 10;
var STATIC_KEPT = 80;

function cacheOffline() {
  return caches.open(CACHES.offline).then(function (cache) {
    return fetch(OFFLINE_URL, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { return; }
      // The offline page's own styles and script, so it looks right offline.
      return response.clone().text().then(function (html) {
        var assets = html.match(/\/static\/[^"']+/g) || [];
        return Promise.all([cache.put(OFFLINE_URL, response)].concat(assets.map(function (url) {
          return fetch(url).then(function (r) { if (r.ok) { return cache.put(url, r); } });
        })));
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(cacheOffline().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  var current = Object.keys(CACHES).map(function (k) { return CACHES[k]; });
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf("passerelle-") === 0 && current.indexOf(n) < 0;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function readIndex(cache) {
  return cache.match(INDEX_URL).then(function (r) { return r ? r.json() : []; })
    .catch(function () { return []; });
}

function keepPage(request, response) {
  return response.clone().text().then(function (html) {
    var found = html.match(/<title>([^<]*)<\/title>/);
    var title = found ? found[1].replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"') : request.url;
    return caches.open(CACHES.pages).then(function (cache) {
      return readIndex(cache).then(function (index) {
        var path = new URL(request.url).pathname + new URL(request.url).search;
        index = index.filter(function (e) { return e.url !== path; });
        index.unshift({ url: path, title: title, at: Date.now() });
        var dropped = index.slice(PAGES_KEPT);
        index = index.slice(0, PAGES_KEPT);
        return Promise.all([cache.put(request, response),
          cache.put(INDEX_URL, new Response(JSON.stringify(index), { headers: { "Content-Type": "application/json" } }))]
          .concat(dropped.map(function (e) { return cache.delete(e.url); })));
      });
    });
  });
}

function trim(cacheName, max) {
  return caches.open(cacheName).then(function (cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map(function (k) { return cache.delete(k); }));
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }

  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && response.headers.get("X-Offline-Readable") === "1") {
        event.waitUntil(keepPage(request, response.clone()));
      }
      if (url.pathname.indexOf("/language/") === 0) { event.waitUntil(cacheOffline()); }
      return response;
    }).catch(function () {
      return caches.match(request, { cacheName: CACHES.pages }).then(function (kept) {
        return kept || caches.match(OFFLINE_URL, { cacheName: CACHES.offline });
      });
    }));
    return;
  }

  // Fingerprinted static files never change: the kept copy is the file.
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          event.waitUntil(caches.open(CACHES.static).then(function (cache) {
            return cache.put(request, copy);
          }).then(function () { return trim(CACHES.static, STATIC_KEPT); }));
        }
        return response;
      });
    }));
  }
});

// The offline page's "forget" button (and any page that wants the phone to
// forget what was read here) posts {type: "forget"}.
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "forget") {
    event.waitUntil(caches.delete(CACHES.pages));
  }
});

// ---- Extensions (web push, …) go below. ----
