/* The quick exit: leave at once for a neutral page, replacing this page in
 * the history (location.replace), so that Back does not bring it back; the
 * same with Escape pressed twice within a second. Without JavaScript the
 * link still leaves (rel="noreferrer": the next site is not told where from). */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var target = link.href;
  var lastEscape = 0;

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Nothing of this page stays on screen while the next one loads.
    document.documentElement.hidden = true;
    document.title = "";
    window.location.replace(target);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { leave(event); } else { lastEscape = now; }
  });
})();
