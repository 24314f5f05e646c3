// draehi sidebar: the header's button collapses the sidebar on a wide screen (remembered) and opens
// it as a drawer on a narrow one, and loads the page graph's script when it is opened. Without
// script the sidebar is a plain list of links.
(function () {
  "use strict";
  var button = document.querySelector(".sidebar-toggle"), bar = document.getElementById("sidebar");
  if (!button || !bar) return;
  var root = document.documentElement, narrow = window.matchMedia("(max-width: 60rem)");
  var KEY = "draehi.sidebar";
  function remembered() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(v) {
    try { localStorage.setItem(KEY, v); } catch (e) { /* private mode: not remembered */ }
  }
  function isOpen() {
    return narrow.matches ? root.classList.contains("sidebar-open") : !root.classList.contains("sidebar-collapsed");
  }
  function sync() {
    button.setAttribute("aria-expanded", String(isOpen()));
  }
  function close() {
    root.classList.remove("sidebar-open");
    sync();
  }
  root.classList.add("sidebar-js");
  if (remembered() === "closed") root.classList.add("sidebar-collapsed");
  button.hidden = false;
  button.addEventListener("click", function (e) {
    e.stopPropagation();
    if (narrow.matches) {
      var open = root.classList.toggle("sidebar-open");
      if (open) {
        var first = bar.querySelector("a");
        if (first) first.focus({ preventScroll: true });
      }
    } else {
      remember(root.classList.toggle("sidebar-collapsed") ? "closed" : "open");
    }
    sync();
  });
  document.addEventListener("click", function (e) {
    if (root.classList.contains("sidebar-open") && !bar.contains(e.target)) close();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && root.classList.contains("sidebar-open")) {
      close();
      button.focus();
    }
  });
  narrow.addEventListener("change", close);
  sync();
  // The page graph's script (and its library) load when a reader first opens it.
  var graph = bar.querySelector("details.local-graph");
  if (graph) {
    graph.addEventListener("toggle", function () {
      if (!graph.open || document.querySelector("script[data-graph]")) return;
      var s = document.createElement("script");
      s.src = graph.getAttribute("data-script");
      s.setAttribute("data-graph", "");
      document.head.appendChild(s);
    });
  }
})();
