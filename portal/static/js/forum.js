/* Live updates of an open topic (Socket.IO /forum). Without JavaScript the
 * page works as is: new answers appear on reload. Events carry ids only;
 * the post's HTML is fetched from the server, rendered and sanitised there. */
(function () {
  "use strict";
  var root = document.getElementById("forum-topic");
  if (!root || typeof io === "undefined") { return; }
  var topicId = parseInt(root.dataset.topicId, 10);
  // Only the last page grows: earlier pages stay as they are.
  if (root.dataset.page !== root.dataset.pages) { return; }
  var list = document.getElementById("forum-posts");
  var fragmentUrl = root.dataset.fragmentUrl;
  var socket = io("/forum", { transports: ["websocket", "polling"] });

  function watch() { socket.emit("watch", { topic_id: topicId }); }
  socket.on("connect", watch);

  function show(postId) {
    fetch(fragmentUrl.replace(/\/0\/fragment$/, "/" + postId + "/fragment"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var article = holder.firstElementChild;
        if (!article) { return; }
        var existing = document.getElementById("post-" + postId);
        if (existing) { existing.replaceWith(article); return; }
        var after = null;
        Array.prototype.forEach.call(list.querySelectorAll("[data-post-id]"), function (el) {
          if (parseInt(el.dataset.postId, 10) > postId && !after) { after = el; }
        });
        list.insertBefore(article, after);
        article.classList.add("forum-post--new");
      });
  }

  socket.on("post", function (data) {
    if (data && data.topic_id === topicId) { show(data.post_id); }
  });
  socket.on("post_removed", function (data) {
    var el = data && document.getElementById("post-" + data.post_id);
    if (el && !el.classList.contains("forum-post--held")) { el.remove(); }
  });
})();
