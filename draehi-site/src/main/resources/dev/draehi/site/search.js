// draehi search: loads the workspace's search index once and filters it as the reader types.
(function () {
  "use strict";
  var list = document.getElementById("search-results");
  var input = document.querySelector("form.search input[type=search]");
  if (!list || !input) return;
  var index = null;
  function load(cb) {
    if (index) return cb(index);
    fetch(list.getAttribute("data-index")).then(function (r) { return r.json(); })
      .then(function (data) { index = data; cb(index); })
      .catch(function () { index = []; cb(index); });
  }
  function show(q) {
    q = q.trim().toLowerCase();
    if (!q) return;
    load(function (pages) {
      var hits = [];
      for (var i = 0; i < pages.length && hits.length < 50; i++) {
        var p = pages[i];
        var inTitle = p.t.toLowerCase().indexOf(q) >= 0;
        var at = p.x.toLowerCase().indexOf(q);
        if (inTitle || at >= 0) hits.push({ p: p, title: inTitle, at: at });
      }
      hits.sort(function (a, b) { return (b.title ? 1 : 0) - (a.title ? 1 : 0); });
      while (list.firstChild) list.removeChild(list.firstChild);
      hits.forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = h.p.u;
        a.textContent = h.p.t;
        li.appendChild(a);
        if (h.at >= 0) {
          var s = document.createElement("p");
          s.className = "snippet";
          s.textContent = h.p.x.substr(Math.max(0, h.at - 60), 160);
          li.appendChild(s);
        }
        list.appendChild(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.textContent = "No pages match.";
        list.appendChild(none);
      }
    });
  }
  input.addEventListener("input", function () { show(input.value); });
  if (input.value) show(input.value);
})();
