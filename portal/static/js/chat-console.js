/* The professionals' console: presence, the live queue, several
 * conversations at once, notes, transfer, canned answers, close, block. */
(function () {
  "use strict";
  var C = window.PasserelleChat;
  var root = document.getElementById("console");
  if (!root || !window.io) { return; }
  var S = JSON.parse(document.getElementById("chat-strings").textContent);
  var el = function (id) { return document.getElementById(id); };
  var socket = io("/chat", { transports: ["websocket", "polling"] });
  var me = null, canned = [], convs = {}, queueItems = {};

  // --- presence ---------------------------------------------------------------------
  function presencePayload() {
    var themes = Array.prototype.map.call(root.querySelectorAll("input[name=themes]:checked"), function (i) { return i.value; });
    var radius = el("presence-radius").value;
    return { online: el("presence-online").checked, themes: themes, radius_km: radius ? Number(radius) : null };
  }
  function sendPresence() {
    socket.emit("presence", presencePayload(), function (ack) {
      if (ack && ack.ok) { el("presence-state").textContent = ack.online ? S.online : S.offline; refreshQueue(); }
    });
  }
  el("presence").addEventListener("change", sendPresence);
  el("presence").addEventListener("submit", function (e) { e.preventDefault(); });
  // The heartbeat that keeps "online" true (presence expires without it).
  setInterval(function () { if (socket.connected && el("presence-online").checked) { sendPresence(); } }, 60000);

  // --- the queue -------------------------------------------------------------------
  function waitLabel(item) {
    var minutes = Math.floor((Date.now() - new Date(item.created_at).getTime()) / 60000);
    return C.format(S.waiting_for, { minutes: Math.max(0, minutes) });
  }
  function renderQueue() {
    var list = el("queue"), items = Object.values(queueItems);
    items.sort(function (a, b) { return (b.urgent - a.urgent) || (a.conversation_id - b.conversation_id); });
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "queue-item" + (item.urgent ? " queue-item--urgent" : "");
      li.dataset.id = item.conversation_id;
      var head = document.createElement("p");
      head.className = "queue-item__head";
      if (item.urgent) { var u = document.createElement("strong"); u.textContent = S.urgent + " · "; head.appendChild(u); }
      head.appendChild(document.createTextNode([S.themes[item.theme] || item.theme, item.commune, S.ages[item.age_range],
        item.pseudonym, waitLabel(item)].filter(Boolean).join(" · ")));
      var body = document.createElement("p");
      body.className = "queue-item__message";
      C.appendText(body, item.first_message || "");
      var take = document.createElement("button");
      take.type = "button"; take.className = "button--small"; take.textContent = S.take;
      take.addEventListener("click", function () { takeConversation(item.conversation_id, li); });
      li.append(head, body, take);
      list.appendChild(li);
    });
    el("queue-count").textContent = items.length;
    el("queue-empty").hidden = items.length > 0;
  }
  function refreshQueue() {
    socket.emit("queue", {}, function (ack) {
      if (!ack || !ack.ok) { return; }
      queueItems = {};
      ack.queue.forEach(function (i) { queueItems[i.conversation_id] = i; });
      renderQueue();
    });
  }
  setInterval(function () { if (socket.connected) { refreshQueue(); } }, 30000);
  socket.on("queue_update", function (item) { if (!convs[item.conversation_id]) { queueItems[item.conversation_id] = item; renderQueue(); } });
  socket.on("queue_remove", function (data) { delete queueItems[data.conversation_id]; renderQueue(); });

  function takeConversation(id, li) {
    socket.emit("take", { conversation_id: id }, function (ack) {
      delete queueItems[id];
      renderQueue();
      if (ack && ack.ok) { addConversation(ack.conversation, true); return; }
      var note = document.createElement("p");
      note.className = "error"; note.setAttribute("role", "alert");
      note.textContent = (ack && ack.message) || S.taken;
      el("queue").before(note);
      setTimeout(function () { note.remove(); }, 6000);
    });
  }

  // --- conversations ---------------------------------------------------------------------
  function renderMessage(c, m) {
    var mine = m.author === "professional" && m.author_name === me.name;
    var opts = { mine: mine, who: m.author === "visitor" ? (m.author_name || S.young) : (m.author === "system" ? "" : (mine ? S.you : m.author_name)) };
    if (mine) {
      var read = m.id && m.id <= c.visitorRead;
      opts.state = read ? "read" : "sent"; opts.state_label = read ? S.read : S.sent;
    }
    C.renderMessage(c.list, m, opts);
    if (m.id > c.lastId) { c.lastId = m.id; }
  }
  function sendRead(c) {
    if (c.lastId && !document.hidden) { socket.emit("read", { conversation_id: c.id, up_to_id: c.lastId }); }
  }
  function setClosed(c, text) {
    c.closed = true;
    c.node.querySelector(".chat-composer").hidden = true;
    c.node.querySelector(".conversation__tools").hidden = true;
    c.node.querySelector(".conversation__meta").textContent = text;
  }
  function renderNote(c, n) {
    var li = document.createElement("li");
    li.textContent = n.author_name + " — " + C.time(n.created_at) + ": ";
    C.appendText(li, n.body);
    c.node.querySelector(".notes-list").appendChild(li);
  }
  function fillCanned(c) {
    var select = c.node.querySelector(".canned");
    select.textContent = "";
    var first = document.createElement("option");
    first.value = ""; first.textContent = canned.length ? S.choose : S.no_canned;
    select.appendChild(first);
    canned.forEach(function (a) { var o = document.createElement("option"); o.value = a.id; o.textContent = a.title; select.appendChild(o); });
  }

  function addConversation(data, focus) {
    var c = convs[data.conversation_id];
    if (!c) {
      var node = el("conversation-template").content.firstElementChild.cloneNode(true);
      c = convs[data.conversation_id] = { id: data.conversation_id, node: node, list: node.querySelector(".chat-messages"),
        lastId: 0, visitorRead: 0, pending: [] };
      node.dataset.id = c.id;
      el("conversations").appendChild(node);
      wire(c);
    }
    c.visitorRead = Math.max(c.visitorRead, data.visitor_read_id || 0);
    c.node.querySelector(".conversation__title").textContent = [S.themes[data.theme] || data.theme, data.pseudonym].filter(Boolean).join(" — ");
    c.node.querySelector(".conversation__meta").textContent = [data.commune, S.ages[data.age_range]].filter(Boolean).join(" · ");
    c.node.querySelector(".conversation__urgent").hidden = !data.urgent;
    (data.messages || []).forEach(function (m) { renderMessage(c, m); });
    c.node.querySelector(".notes-list").textContent = "";
    (data.notes || []).forEach(function (n) { renderNote(c, n); });
    fillCanned(c);
    el("mine-empty").hidden = true;
    sendRead(c);
    if (focus) { c.node.querySelector("textarea").focus(); }
  }

  function wire(c) {
    var node = c.node, form = node.querySelector(".chat-composer"), input = form.querySelector("textarea");
    function pump() {
      if (c.inflight || !c.pending.length || !socket.connected) { return; }
      var item = c.pending[0];
      c.inflight = true;
      socket.timeout(10000).emit("send", { conversation_id: c.id, client_msg_id: item.client_msg_id, body: item.body }, function (err, ack) {
        c.inflight = false;
        if (err || !ack || (!ack.ok && (ack.error === "server_error" || ack.error === "rate_limited"))) { return setTimeout(pump, 2000); }
        c.pending.shift();
        if (ack.ok) { renderMessage(c, { id: ack.id, created_at: ack.created_at, client_msg_id: item.client_msg_id, body: item.body, author: "professional", author_name: me.name }); }
        else { C.renderMessage(c.list, { client_msg_id: item.client_msg_id, body: item.body, author: "professional" }, { mine: true, who: S.you, state: "failed", state_label: S.failed }); }
        pump();
      });
    }
    c.pump = pump;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = input.value.trim();
      if (!body) { return; }
      input.value = "";
      var item = { client_msg_id: C.uuid(), body: body };
      c.pending.push(item);
      C.renderMessage(c.list, { client_msg_id: item.client_msg_id, body: body, author: "professional" }, { mine: true, who: S.you, state: "sending", state_label: S.sending });
      socket.emit("typing", { conversation_id: c.id, typing: false });
      pump();
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
    var typingSent = 0, typingTimer = null;
    input.addEventListener("input", function () {
      if (Date.now() - typingSent > 3000) { typingSent = Date.now(); socket.emit("typing", { conversation_id: c.id, typing: true }); }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingSent = 0; socket.emit("typing", { conversation_id: c.id, typing: false }); }, 4000);
    });
    node.querySelector(".canned").addEventListener("change", function (e) {
      var a = canned.find(function (x) { return String(x.id) === e.target.value; });
      if (a) { input.value = (input.value ? input.value + "\n" : "") + a.body; input.focus(); }
      e.target.value = "";
    });
    node.querySelector(".canned-save").addEventListener("click", function () {
      var title = node.querySelector(".canned-title").value.trim();
      if (!title || !input.value.trim()) { return; }
      socket.emit("canned_save", { title: title, body: input.value.trim(), shared: node.querySelector(".canned-shared").checked }, function (ack) {
        if (ack && ack.ok) { canned = ack.canned; Object.values(convs).forEach(fillCanned); node.querySelector(".canned-edit").open = false; }
      });
    });
    node.querySelector(".note-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var area = e.target.querySelector("textarea");
      if (!area.value.trim()) { return; }
      socket.emit("note", { conversation_id: c.id, body: area.value.trim() }, function (ack) { if (ack && ack.ok) { area.value = ""; } });
    });
    node.querySelector(".transfer").addEventListener("toggle", function (e) {
      if (!e.target.open) { return; }
      socket.emit("colleagues", {}, function (ack) {
        if (!ack || !ack.ok) { return; }
        var select = node.querySelector(".transfer-to");
        select.textContent = "";
        [[S.colleagues, ack.colleagues, "user"], [S.structures, ack.structures, "structure"]].forEach(function (group) {
          var og = document.createElement("optgroup"); og.label = group[0];
          group[1].forEach(function (x) {
            var o = document.createElement("option");
            o.value = group[2] + ":" + (x.user_id || x.structure_id);
            o.textContent = x.name + (x.structure ? " (" + x.structure + ")" : x.commune ? " (" + x.commune + ")" : "");
            og.appendChild(o);
          });
          select.appendChild(og);
        });
      });
    });
    node.querySelector(".transfer-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var to = node.querySelector(".transfer-to").value.split(":");
      if (to.length !== 2) { return; }
      var payload = { conversation_id: c.id, note: e.target.querySelector("textarea").value.trim() };
      payload[to[0] === "user" ? "to_user_id" : "to_structure_id"] = Number(to[1]);
      socket.emit("transfer", payload, function (ack) { if (ack && ack.ok) { setClosed(c, S.transferred); } });
    });
    node.querySelector(".close-conversation").addEventListener("click", function () {
      socket.emit("close", { conversation_id: c.id }, function (ack) { if (ack && ack.ok) { setClosed(c, S.closed); } });
    });
    node.querySelector(".block-visitor").addEventListener("click", function () {
      if (!window.confirm(S.confirm_block)) { return; }
      socket.emit("block", { conversation_id: c.id }, function (ack) { if (ack && ack.ok) { setClosed(c, S.closed); } });
    });
  }

  socket.on("message", function (m) {
    var c = convs[m.conversation_id];
    if (!c) { return openConversation(m.conversation_id); }
    if (c.pending.some(function (p) { return p.client_msg_id === m.client_msg_id; })) { return; }
    renderMessage(c, m);
    if (m.author === "visitor") { c.node.querySelector(".chat-typing").hidden = true; sendRead(c); }
  });
  socket.on("typing", function (data) {
    var c = convs[data.conversation_id];
    if (!c || data.by !== "visitor") { return; }
    var box = c.node.querySelector(".chat-typing");
    box.hidden = !data.typing;
    clearTimeout(c.typingTimer);
    if (data.typing) { c.typingTimer = setTimeout(function () { box.hidden = true; }, 8000); }
  });
  socket.on("read", function (data) {
    var c = convs[data.conversation_id];
    if (!c || data.by !== "visitor") { return; }
    c.visitorRead = Math.max(c.visitorRead, data.up_to_id);
    c.list.querySelectorAll(".chat-message--mine[data-id]").forEach(function (li) {
      if (Number(li.dataset.id) <= c.visitorRead && li.dataset.state !== "read") {
        li.dataset.state = "read";
        var meta = li.querySelector(".chat-message__meta");
        meta.textContent = meta.textContent.replace(S.sent, S.read);
      }
    });
  });
  socket.on("note", function (n) { var c = convs[n.conversation_id]; if (c) { renderNote(c, n); } });
  socket.on("status", function (data) {
    var c = convs[data.conversation_id];
    if (data.status === "active" && data.assigned_user_id === me.user_id) { return openConversation(data.conversation_id); }
    if (!c) { return; }
    if (data.status === "closed") { setClosed(c, S.closed); }
    else if (data.assigned_user_id !== me.user_id) { setClosed(c, S.transferred); }
    c.node.querySelector(".conversation__urgent").hidden = !data.urgent;
  });
  function openConversation(id) {
    var c = convs[id];
    socket.emit("open", { conversation_id: id, after_id: c ? c.lastId : 0 }, function (ack) {
      if (ack && ack.ok && ack.conversation.status === "active") { addConversation(ack.conversation, false); }
    });
  }

  // --- connection: (re)load everything ------------------------------------------------------
  socket.on("connect", function () {
    el("console-connection").hidden = true;
    socket.emit("console", {}, function (ack) {
      if (!ack || !ack.ok) { return; }
      me = ack.me; canned = ack.canned;
      el("presence-online").checked = ack.presence.online;
      root.querySelectorAll("input[name=themes]").forEach(function (i) { i.checked = ack.presence.themes.indexOf(i.value) >= 0; });
      el("presence-radius").value = ack.presence.radius_km === null ? "" : String(ack.presence.radius_km);
      el("presence-state").textContent = ack.presence.online ? S.online : S.offline;
      if (ack.presence.online) { sendPresence(); }
      queueItems = {};
      ack.queue.forEach(function (i) { queueItems[i.conversation_id] = i; });
      renderQueue();
      ack.conversations.forEach(function (data) {
        var c = convs[data.conversation_id];
        addConversation(data, false);
        if (c) { c.pump(); }
      });
    });
  });
  socket.on("disconnect", function () { var box = el("console-connection"); box.textContent = S.disconnected; box.hidden = false; });
})();
