// The embeddable status widget: a script that turns every
// <a data-bellwether-status> on the host page into this page's overall status
// (words and a coloured dot), read from /api/v2/status.json (CORS-open). It
// learns the status page's address from its own src, writes only text, and
// leaves the plain link in place if anything fails — or without JavaScript.
export const WIDGET_SCRIPT = `(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var COLORS = { none: "#15803d", minor: "#a16207", major: "#c2410c", critical: "#b91c1c", maintenance: "#0369a1" };
  function paint(body) {
    var status = body && body.status;
    if (!status || typeof status.description !== "string") return;
    var links = document.querySelectorAll("a[data-bellwether-status]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var dot = document.createElement("span");
      dot.setAttribute("aria-hidden", "true");
      dot.style.cssText = "display:inline-block;width:.6em;height:.6em;border-radius:50%;margin-right:.4em;background:" +
        (COLORS[status.indicator] || "#475569");
      link.textContent = status.description;
      link.insertBefore(dot, link.firstChild);
      link.setAttribute("data-indicator", String(status.indicator));
      link.href = origin + "/";
    }
  }
  fetch(origin + "/api/v2/status.json", { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(paint)
    .catch(function () {});
})();
`;
