/* The young person's chat. Nothing they type is lost: each message goes to
 * an outbox kept in localStorage, is sent in order, one at a time, and
 * leaves the outbox only when the server's ack says it is stored (the
 * client_msg_id makes a retry harmless). A reconnect resumes from the last
 * id seen and receives what was missed. */
(function () {
  "use strict";
  var C = window.PasserelleChat;
  var root = document.getElementById("chat");
  if (!root || !window.io) { return; }
  var S = JSON.parse(document.getElementById("chat-strings").textContent);
  var KEY = "passerelle.chat";
  var el = function (id) { return document.getElementById(id); };
  var startForm = el("chat-start"), room = el("chat-room"), list = el("chat-messages");
  var input = el("chat-input"), statusBox = el("chat-status"), connection = el("chat-connection");

  var state = C.load(KEY, null);  // {token, conversation_id, last_id}
  var outbox = [];                // [{client_msg_id, body}]
  var inflight = false, convStatus = null, proRead = 0, retryTimer = null;
  var shownUpTo = 0;              // the last id on screen: a fresh page resumes from 0

  // A link kept from before (#resume=…) wins over what this browser remembers.
  var match = location.hash.match(/resume=([^&]+)/);
  if (match) {
    state = { token: decodeURIComponent(match[1]), conversation_id: null, last_id: 0 };
    C.store(KEY, state);
    history.replaceState(null, "", location.pathname + location.search);
  }

  var socket = io("/chat", { transports: ["websocket", "polling"] });

  function outboxKey() { return KEY + ".outbox." + state.token.slice(0, 16); }
  function saveOutbox() { C.store(outboxKey(), outbox.length ? outbox : undefined); }

  function showRoom() {
    startForm.hidden = true;
    room.hidden = false;
    el("chat-link").value = location.origin + location.pathname + "#resume=" + encodeURIComponent(state.token);
    el("chat-transcript").querySelector("[name=resume_token]").value = state.token;
  }

  function showStart() {
    room.hidden = true;
    startForm.hidden = false;
  }

  function render(m) {
    var mine = m.author === "visitor";
    var opts = { mine: mine, who: mine ? S.you : (m.author === "system" ? "" : (m.author_name || S.professional)) };
    if (mine) {
      var read = m.id && m.id <= proRead;
      opts.state = read ? "read" : "sent";
      opts.state_label = read ? S.read : S.sent;
    }
    C.renderMessage(list, m, opts);
    if (m.id && m.id > shownUpTo) { shownUpTo = m.id; }
    if (m.id && m.id > (state.last_id || 0)) {
      state.last_id = m.id;
      C.store(KEY, state);
    }
  }

  function renderPending(item, failed) {
    C.renderMessage(list, { client_msg_id: item.client_msg_id, body: item.body, author: "visitor" },
      { mine: true, who: S.you, state: failed ? "failed" : "sending", state_label: failed ? S.failed : S.sending });
  }

  function markRead() {
    list.querySelectorAll(".chat-message--mine[data-id]").forEach(function (li) {
      if (Number(li.dataset.id) <= proRead) {
        li.dataset.state = "read";
        var meta = li.querySelector(".chat-message__meta");
        meta.textContent = meta.textContent.replace(S.sent, S.read);
      }
    });
  }

  function showStatus(info) {
    convStatus = info.status || convStatus;
    var text = "";
    if (info.blocked || info.error === "blocked") { text = S.blocked; convStatus = "closed"; }
    else if (convStatus === "waiting") {
      text = info.nobody_online ? S.nobody : C.format(S.waiting, { position: info.position || 1 });
      if (info.typical_wait_s && !info.nobody_online) {
        text += " " + C.format(S.typical, { minutes: Math.max(1, Math.round(info.typical_wait_s / 60)) });
      }
      el("chat-contact").hidden = !info.nobody_online || info.has_email;
    } else if (convStatus === "active") {
      text = C.format(S.active, { name: info.assigned_name || S.professional });
      el("chat-contact").hidden = true;
    } else if (convStatus === "closed") { text = S.closed; }
    if (text) { statusBox.textContent = text; }
    var closed = convStatus === "closed";
    el("chat-composer").hidden = closed;
    el("chat-close").hidden = closed;
    el("chat-new").hidden = !closed;
    el("chat-rating").hidden = !closed || info.blocked || state.rated;
    if (info.help) { showHelp(info.help); }
    if (info.urgent) { el("chat-help").hidden = false; }
  }

  // The numbers for what was written (the server's list), first; as text only.
  function showHelp(numbers) {
    var box = el("chat-help"), list = box.querySelector("ul");
    if (numbers && numbers.length) {
      list.textContent = "";
      numbers.forEach(function (n) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = "tel:" + String(n.number).replace(/[^0-9+]/g, "");
        link.textContent = n.number;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" — " + n.label));
        list.appendChild(item);
      });
    }
    box.hidden = false;
  }

  // --- sending, in order, one at a time -------------------------------------------
  function pump() {
    if (inflight || !outbox.length || !socket.connected || !state.conversation_id) { return; }
    var item = outbox[0];
    inflight = true;
    socket.timeout(10000).emit("send", { conversation_id: state.conversation_id,
      client_msg_id: item.client_msg_id, body: item.body }, function (err, ack) {
      inflight = false;
      if (err || !ack) { return retry(2000); }
      if (ack.ok) {
        outbox.shift(); saveOutbox();
        render({ id: ack.id, created_at: ack.created_at, client_msg_id: item.client_msg_id,
                 body: item.body, author: "visitor" });
        if (ack.help) { showHelp(ack.help); }
        return pump();
      }
      if (ack.error === "rate_limited") { return retry(10000); }
      if (ack.error === "server_error") { return retry(3000); }
      if (ack.error === "forbidden") { return resume(); }  // the grant was lost: resume, then go on
      // closed, blocked, not_found, invalid, empty: this one cannot be sent.
      outbox.shift(); saveOutbox();
      renderPending(item, true);
      if (ack.error === "closed" || ack.error === "blocked") { showStatus({ status: "closed", blocked: ack.error === "blocked" }); }
      pump();
    });
  }

  function retry(ms) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(pump, ms);
  }

  function queueMessage(body) {
    var item = { client_msg_id: C.uuid(), body: body };
    outbox.push(item); saveOutbox();
    renderPending(item, false);
    list.lastElementChild.scrollIntoView({ block: "nearest" });
    pump();
  }

  // --- starting and resuming ---------------------------------------------------------
  function resume() {
    if (!state || !state.token) { return; }
    socket.timeout(10000).emit("resume", { resume_token: state.token, after_id: shownUpTo }, function (err, ack) {
      if (err || !ack) { return setTimeout(resume, 3000); }
      if (!ack.ok) {
        if (ack.error === "blocked") { showRoom(); showStatus({ status: "closed", blocked: true }); return; }
        if (ack.error === "rate_limited" || ack.error === "server_error") { return setTimeout(resume, 5000); }
        C.store(KEY, undefined); state = null; showStart();
        el("chat-start-error").textContent = S.lost; el("chat-start-error").hidden = false;
        return;
      }
      state.conversation_id = ack.conversation_id;
      state.rated = state.rated || !!ack.rating;
      C.store(KEY, state);
      proRead = ack.professional_read_id || 0;
      outbox = C.load(outboxKey(), []);
      showRoom();
      ack.messages.forEach(render);
      outbox.forEach(function (item) { renderPending(item, false); });
      markRead();
      showStatus(ack);
      sendRead();
      pump();
    });
  }

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var error = el("chat-start-error");
    var theme = el("chat-theme").value;
    if (!theme) { error.textContent = S.choose_theme; error.hidden = false; el("chat-theme").focus(); return; }
    var body = el("chat-first").value.trim();
    var cmid = body ? C.uuid() : null;
    var payload = { theme: theme, commune: el("chat-commune").value.trim() || null,
      age_range: el("chat-age").value || null, pseudonym: el("chat-pseudonym").value.trim() || null,
      message: body || null, client_msg_id: cmid,
      structure_id: root.dataset.structure ? Number(root.dataset.structure) : null };
    var button = startForm.querySelector("button[type=submit]");
    button.disabled = true;
    socket.timeout(10000).emit("start", payload, function (err, ack) {
      button.disabled = false;
      if (err || !ack || !ack.ok) { error.textContent = (ack && ack.message) || S.error; error.hidden = false; return; }
      error.hidden = true;
      state = { token: ack.resume_token, conversation_id: ack.conversation_id, last_id: 0 };
      C.store(KEY, state);
      outbox = []; shownUpTo = 0;
      list.textContent = "";
      showRoom();
      if (ack.message) { render({ id: ack.message.id, created_at: ack.message.created_at,
        client_msg_id: cmid, body: body, author: "visitor" }); }
      showStatus(ack);
      input.focus();
    });
  });

  el("chat-composer").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    // Nothing to send to before a conversation exists or once it is closed:
    // the text stays where it was typed.
    if (!body || !state || !state.conversation_id || convStatus === "closed") { return; }
    input.value = "";
    queueMessage(body);
    typing(false);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); el("chat-composer").requestSubmit(); }
  });

  // --- typing, read ---------------------------------------------------------------------
  var typingSent = 0, typingTimer = null;
  function typing(on) {
    if (!socket.connected || !state || !state.conversation_id || convStatus === "closed") { return; }
    if (on && Date.now() - typingSent < 3000) { return; }
    typingSent = on ? Date.now() : 0;
    socket.emit("typing", { conversation_id: state.conversation_id, typing: on });
  }
  input.addEventListener("input", function () {
    typing(true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typing(false); }, 4000);
  });

  var hideTyping = null;
  socket.on("typing", function (data) {
    if (!state || data.conversation_id !== state.conversation_id || data.by === "visitor") { return; }
    el("chat-typing").hidden = !data.typing;
    clearTimeout(hideTyping);
    if (data.typing) { hideTyping = setTimeout(function () { el("chat-typing").hidden = true; }, 8000); }
  });

  function sendRead() {
    if (socket.connected && state && state.conversation_id && state.last_id && !document.hidden) {
      socket.emit("read", { conversation_id: state.conversation_id, up_to_id: state.last_id });
    }
  }
  document.addEventListener("visibilitychange", sendRead);

  socket.on("message", function (m) {
    if (!state || m.conversation_id !== state.conversation_id) { return; }
    if (m.author === "visitor" && outbox.some(function (o) { return o.client_msg_id === m.client_msg_id; })) { return; }
    render(m);
    if (m.author !== "visitor") { el("chat-typing").hidden = true; sendRead(); }
  });
  socket.on("read", function (data) {
    if (!state || data.conversation_id !== state.conversation_id || data.by !== "professional") { return; }
    proRead = Math.max(proRead, data.up_to_id);
    markRead();
  });
  socket.on("status", function (data) {
    if (!state || data.conversation_id !== state.conversation_id) { return; }
    showStatus(data);
  });

  // --- end, rating, new conversation -----------------------------------------------------------
  el("chat-close").addEventListener("click", function () {
    if (!window.confirm(S.confirm_close)) { return; }
    socket.timeout(10000).emit("close", { conversation_id: state.conversation_id }, function (err, ack) {
      if (!err && ack && ack.ok) { showStatus({ status: "closed" }); }
    });
  });
  el("chat-rating").addEventListener("submit", function (event) {
    event.preventDefault();
    var picked = el("chat-rating").querySelector("input[name=rating]:checked");
    if (!picked) { return; }
    socket.timeout(10000).emit("rate", { conversation_id: state.conversation_id, rating: Number(picked.value),
      word: el("chat-word").value.trim() || null }, function (err, ack) {
      if (!err && ack && ack.ok) {
        state.rated = true; C.store(KEY, state);
        el("chat-rating-done").hidden = false;
        el("chat-rating").querySelector("fieldset").disabled = true;
      }
    });
  });
  el("chat-contact").addEventListener("submit", function (event) {
    event.preventDefault();
    var email = el("chat-email").value.trim();
    if (!email) { return; }
    socket.timeout(10000).emit("contact", { conversation_id: state.conversation_id, email: email }, function (err, ack) {
      if (!err && ack && ack.ok) { el("chat-contact-done").hidden = false; }
    });
  });
  el("chat-new").addEventListener("click", function () {
    C.store(KEY, undefined);
    state = null; convStatus = null; proRead = 0; shownUpTo = 0;
    list.textContent = "";
    el("chat-help").hidden = true;
    el("chat-rating").reset(); el("chat-rating").querySelector("fieldset").disabled = false;
    el("chat-rating-done").hidden = true;
    el("chat-first").value = "";
    showStart();
  });

  // --- connection ---------------------------------------------------------------------
  function showConnection(text) {
    connection.hidden = !text;
    connection.textContent = text || "";
  }
  socket.on("connect", function () {
    showConnection("");
    if (state && state.token) { resume(); }
  });
  socket.on("disconnect", function () { showConnection(navigator.onLine === false ? S.offline : S.reconnecting); });
  // A phone that knows it lost the network says so at once; the socket would
  // take its ping timeout to notice.
  window.addEventListener("offline", function () { showConnection(S.offline); socket.disconnect(); });
  window.addEventListener("online", function () { showConnection(S.reconnecting); socket.connect(); });

  // Commune suggestions from the public API.
  var commune = el("chat-commune"), options = el("chat-communes"), timer = null;
  commune.addEventListener("input", function () {
    clearTimeout(timer);
    var q = commune.value.trim();
    if (q.length < 2) { return; }
    timer = setTimeout(function () {
      fetch("/api/v1/communes?limit=8&q=" + encodeURIComponent(q)).then(function (r) { return r.ok ? r.json() : []; })
        .then(function (communes) {
          options.textContent = "";
          communes.forEach(function (c) { var o = document.createElement("option"); o.value = c.name; options.appendChild(o); });
        }).catch(function () {});
    }, 200);
  });

  if (state && state.token) { showRoom(); } else { showStart(); }
})();
