// Pans (drag, arrow keys) and zooms (wheel, pinch, + and - keys, buttons) a page's whiteboards by
// changing their SVG's viewBox. Without it each board shows whole.
(function () {
  var boards = document.querySelectorAll("figure.whiteboard > svg");
  for (var i = 0; i < boards.length; i++) setUp(boards[i]);
  function setUp(svg) {
    var home = svg.getAttribute("viewBox").split(" ").map(Number), v = home.slice(), drag = null;
    var fig = svg.parentNode;
    fig.classList.add("wb-live");
    fig.tabIndex = 0;
    // as tall as the board at this width, at most 70% of the window
    svg.style.height = Math.max(200, Math.min(window.innerHeight * 0.7, svg.clientWidth * home[3] / home[2])) + "px";
    function show() { svg.setAttribute("viewBox", v.map(function (n) { return Math.round(n * 100) / 100; }).join(" ")); }
    function zoom(f, cx, cy) {
      if (v[2] * f < home[2] / 50 || v[2] * f > home[2] * 20) return;
      v = [cx - (cx - v[0]) * f, cy - (cy - v[1]) * f, v[2] * f, v[3] * f]; show();
    }
    function at(e) {
      var r = svg.getBoundingClientRect(), s = Math.max(v[2] / r.width, v[3] / r.height);
      return [v[0] + (e.clientX - r.left - (r.width - v[2] / s) / 2) * s, v[1] + (e.clientY - r.top - (r.height - v[3] / s) / 2) * s, s];
    }
    function centre() { return [v[0] + v[2] / 2, v[1] + v[3] / 2]; }
    svg.addEventListener("wheel", function (e) {
      e.preventDefault(); var p = at(e); zoom(Math.pow(1.0015, e.deltaY), p[0], p[1]);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (e) {
      if (e.target.closest && e.target.closest("a")) return;
      drag = { x: e.clientX, y: e.clientY, s: at(e)[2], v: v.slice() };
      svg.setPointerCapture(e.pointerId); svg.classList.add("wb-dragging");
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      v[0] = drag.v[0] - (e.clientX - drag.x) * drag.s; v[1] = drag.v[1] - (e.clientY - drag.y) * drag.s; show();
    });
    function stop() { drag = null; svg.classList.remove("wb-dragging"); }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    var tools = document.createElement("div");
    tools.className = "wb-tools";
    [["+", "Zoom in", function () { var c = centre(); zoom(0.8, c[0], c[1]); }],
     ["\u2212", "Zoom out", function () { var c = centre(); zoom(1.25, c[0], c[1]); }],
     ["Fit", "Show the whole board", function () { v = home.slice(); show(); }]].forEach(function (t) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = t[0]; b.title = t[1]; b.setAttribute("aria-label", t[1]);
      b.addEventListener("click", t[2]); tools.appendChild(b);
    });
    fig.appendChild(tools);
    fig.addEventListener("keydown", function (e) {
      var c = centre(), step = v[2] / 10;
      var keys = { "+": function () { zoom(0.8, c[0], c[1]); }, "=": function () { zoom(0.8, c[0], c[1]); },
        "-": function () { zoom(1.25, c[0], c[1]); }, "0": function () { v = home.slice(); show(); },
        ArrowLeft: function () { v[0] -= step; show(); }, ArrowRight: function () { v[0] += step; show(); },
        ArrowUp: function () { v[1] -= step; show(); }, ArrowDown: function () { v[1] += step; show(); } };
      if (keys[e.key] && e.target === fig) { e.preventDefault(); keys[e.key](); }
    });
  }
})();
