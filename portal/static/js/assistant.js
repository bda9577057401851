// The assistant as a chat: questions go to the JSON API; the place the person
// gave is remembered in this tab only (sessionStorage) and sent back with each
// question: the server keeps nothing. Without JavaScript the form posts the page.
(function () {
  "use strict";
  var root = document.getElementById("assistant");
  if (!root || !window.fetch) return;
  var form = document.getElementById("ask-form");
  var conversation = document.getElementById("conversation");
  var question = form.querySelector("[name=question]");
  var near = form.querySelector("[name=near]");
  var t = root.dataset;
  var KEY = "passerelle.assistant.near";

  try { if (!near.value && sessionStorage.getItem(KEY)) near.value = sessionStorage.getItem(KEY); } catch (e) {}

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.href = href;
    return a;
  }

  function render(q, data) {
    var bubble = el("div", "bubble bubble--bot" + (data.emergency ? " bubble--emergency" : ""));
    if (data.numbers && data.numbers.length) {
      var numbers = el("ul", "numbers");
      data.numbers.forEach(function (n) {
        var li = el("li");
        li.appendChild(link(n.tel, n.number, "number"));
        li.appendChild(document.createTextNode(" " + n.label));
        numbers.appendChild(li);
      });
      bubble.appendChild(numbers);
    }
    bubble.appendChild(el("p", "answer-text", data.answer));
    var placeQuery = data.place && data.place.query;
    if (data.articles.length) {
      var list = el("ul", "answer-articles");
      data.articles.forEach(function (a) {
        var li = el("li");
        // The article's "where to go" then shows the guide near that place.
        li.appendChild(link(placeQuery ? a.url + "?near=" + encodeURIComponent(placeQuery) : a.url, a.title));
        li.appendChild(el("p", null, a.summary));
        list.appendChild(li);
      });
      bubble.appendChild(list);
    }
    if (data.resources.length) {
      var res = el("ul", "answer-resources");
      data.resources.forEach(function (r) {
        var li = el("li");
        li.appendChild(link(r.url, r.name));
        var extra = (r.structure ? " · " + r.structure : "") + " · " + r.commune.name +
          (r.distance_km != null ? " (" + r.distance_km.toFixed(1) + " km)" : "");
        li.appendChild(document.createTextNode(extra));
        res.appendChild(li);
      });
      bubble.appendChild(res);
    }
    if (data.ask_place) { bubble.appendChild(placeForm(q)); }
    var steps = el("p", "next-steps");
    var h = data.handoff || {};
    if (h.chat_url) steps.appendChild(link(h.chat_url + (h.chat_url.indexOf("?") < 0 ? "?" : "&") +
      "question=" + encodeURIComponent(q), h.chat_online ? t.i18nChatNow : t.i18nChatLater, "chat-link"));
    (h.booking || []).forEach(function (b) {
      steps.appendChild(document.createTextNode(" · "));
      steps.appendChild(link(b.url, t.i18nBook + " " + b.name));
    });
    if (h.forum_url) {
      steps.appendChild(document.createTextNode(" · "));
      steps.appendChild(link(h.forum_url, t.i18nForum));
    }
    bubble.appendChild(steps);
    conversation.appendChild(bubble);
    conversation.appendChild(feedbackButtons(q, data.themes));
    if (data.place && data.place.query) {
      near.value = data.place.query;  // a town named in the question is kept too
      try { sessionStorage.setItem(KEY, data.place.query); } catch (e) {}
    }
    bubble.scrollIntoView({ block: "nearest" });
  }

  // Local help matters and the place is not known: ask for it in the answer.
  var placeCount = 0;
  function placeForm(q) {
    var box = el("form", "ask-place");
    var id = "ask-place-near-" + (++placeCount);
    var label = el("label", null, t.i18nPlace);
    label.htmlFor = id;
    var row = el("div", "near-row");
    var input = el("input");
    input.id = id;
    input.type = "text";
    input.maxLength = 100;
    input.autocomplete = "address-level2";
    var button = el("button", null, t.i18nPlaceButton);
    button.type = "submit";
    row.appendChild(input);
    row.appendChild(button);
    box.appendChild(label);
    box.appendChild(row);
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { input.focus(); return; }
      near.value = input.value.trim();
      box.remove();
      send(q);
    });
    return box;
  }

  function feedbackButtons(q, themes) {
    var box = el("div", "feedback");
    [["up", "👍", t.i18nUp], ["down", "👎", t.i18nDown], ["not_answered", t.i18nNotAnswered, null]]
      .forEach(function (b) {
        var button = el("button", null, b[1]);
        button.type = "button";
        if (b[2]) button.setAttribute("aria-label", b[2]);
        button.addEventListener("click", function () {
          fetch(t.feedback, { method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ question: q, vote: b[0], themes: themes || [] }) });
          box.textContent = t.i18nThanks;
        });
        box.appendChild(button);
      });
    return box;
  }

  form.addEventListener("submit", function (event) {
    var q = question.value.trim();
    if (!q) return;
    event.preventDefault();
    var me = el("div", "bubble bubble--me");
    me.appendChild(el("p", null, q));
    conversation.appendChild(me);
    question.value = "";
    send(q);
    question.focus();
  });

  function send(q) {
    var body = { question: q, locale: document.documentElement.lang };
    if (near.value.trim()) body.near = near.value.trim();
    fetch(root.dataset.api, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { render(q, data); })
      .catch(function () { conversation.appendChild(el("p", "bubble bubble--bot", t.i18nError)); });
  }
})();
