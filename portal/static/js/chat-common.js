/* Shared by the chat page and the professionals' console: plain-text
 * rendering with safe links, client message ids, a persistent outbox. */
(function () {
  "use strict";

  // Only http(s) links become clickable; everything is text nodes, never HTML.
  var URL_RE = /\b(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+)/gi;

  function appendText(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (match, _url, offset) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      if (offset > last) { parent.appendChild(document.createTextNode(text.slice(last, offset))); }
      var href = /^https?:\/\//i.test(url) ? url : "https://" + url;
      var a = document.createElement("a");
      a.href = href;
      a.rel = "noopener noreferrer nofollow ugc";
      a.target = "_blank";
      a.textContent = url;
      // A link whose parsed protocol is not http(s) stays text.
      if (a.protocol === "http:" || a.protocol === "https:") { parent.appendChild(a); }
      else { parent.appendChild(document.createTextNode(url)); }
      last = offset + url.length;
      return match;
    });
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "m-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function store(key, value) {
    try {
      if (value === undefined) { localStorage.removeItem(key); }
      else { localStorage.setItem(key, JSON.stringify(value)); }
    } catch (e) { /* private mode: the page still works while open */ }
  }

  function load(key, fallback) {
    try {
      var raw = localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) { return fallback; }
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, k) { return values[k] === undefined ? "" : values[k]; });
  }

  function time(iso) {
    var d = iso ? new Date(iso) : new Date();
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /* One message as a list item, inserted in id order (pending ones last). */
  function renderMessage(list, m, opts) {
    var li = m.id && list.querySelector('[data-id="' + m.id + '"]');
    if (!li && m.client_msg_id) { li = list.querySelector('[data-cmid="' + CSS.escape(m.client_msg_id) + '"]'); }
    if (!li) {
      li = document.createElement("li");
      var who = document.createElement("span"); who.className = "chat-message__who";
      var body = document.createElement("span"); body.className = "chat-message__body";
      var meta = document.createElement("span"); meta.className = "chat-message__meta small";
      li.append(who, body, meta);
      appendText(body, m.body);
      who.textContent = opts.who || "";
      list.appendChild(li);
    }
    li.className = "chat-message chat-message--" + (opts.mine ? "mine" : m.author);
    if (m.client_msg_id) { li.dataset.cmid = m.client_msg_id; }
    if (m.id) { li.dataset.id = m.id; }
    var metaText = time(m.created_at);
    if (opts.state) { li.dataset.state = opts.state; metaText += " · " + opts.state_label; }
    li.querySelector(".chat-message__meta").textContent = metaText;
    // Keep id order: move the item before the first stored item with a larger id.
    if (m.id) {
      var items = list.querySelectorAll("li[data-id]");
      for (var i = 0; i < items.length; i++) {
        if (Number(items[i].dataset.id) > m.id && items[i] !== li) { list.insertBefore(li, items[i]); break; }
      }
      var pending = list.querySelector("li:not([data-id])");
      if (pending && li.compareDocumentPosition(pending) & Node.DOCUMENT_POSITION_PRECEDING) {
        list.insertBefore(li, pending);
      }
    }
    return li;
  }

  window.PasserelleChat = { appendText: appendText, uuid: uuid, store: store, load: load,
                            format: format, time: time, renderMessage: renderMessage };
})();
