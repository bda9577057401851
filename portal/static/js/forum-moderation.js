/* The moderators' queue, live: any change reloads the list (server-rendered). */
(function () {
  "use strict";
  var root = document.getElementById("forum-moderation");
  if (!root || typeof io === "undefined") { return; }
  var target = document.getElementById("forum-queue");
  var alertBox = document.getElementById("forum-alert");
  var socket = io("/forum", { transports: ["websocket", "polling"] });
  var pending = null;

  function refresh() {
    // A moderator typing a reason keeps their text: refresh once they leave the field.
    if (target.contains(document.activeElement) && document.activeElement.value) {
      pending = pending || setTimeout(function () { pending = null; refresh(); }, 3000);
      return;
    }
    fetch(root.dataset.queueUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { target.innerHTML = html; } });
  }

  socket.on("queue", function (data) {
    if (data && data.distress) { alertBox.hidden = false; }
    refresh();
  });
  socket.on("connect", refresh);
})();
