// draehi graph: draws each .graph-view (the whole graph on -/graph, a page's local graph in the
// sidebar when opened, from its own file or, with data-page, out of the whole graph's) with
// force-graph (vendored, loaded on first use) from the JSON the site writes:
// {"nodes": [[title, path, journal?], …], "links": [[from, to], …], "xy": [x0, y0, …]?}, where "xy",
// the global graph's, places each page as the site laid it out. A click on a page's
// dot opens it; pointing at it names it.
(function () {
  "use strict";
  var libLoading = null;
  var MAX_LINES = 15000; // links a frame strokes at most

  function lib(url) {
    if (window.ForceGraph) return Promise.resolve(window.ForceGraph);
    if (!libLoading) {
      libLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () { resolve(window.ForceGraph); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return libLoading;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function color(el, name, fallback) {
    var v = getComputedStyle(el).getPropertyValue(name).trim();
    return v || fallback;
  }

  var styled = false;
  function style() {
    if (styled) return;
    styled = true;
    var css = document.createElement("style");
    css.textContent = ".graph-view{position:relative;border:1px solid var(--border);border-radius:6px;"
      + "overflow:hidden;min-height:260px;margin-top:.5rem}.graph-view canvas{display:block}"
      + ".graph-fallback{color:var(--muted);padding:1rem;margin:0}.content:has(.graph-page){max-width:none}"
      + ".float-tooltip-kap{position:absolute;pointer-events:none;background:var(--fg);color:var(--bg);"
      + "padding:.15rem .4rem;border-radius:4px;font-size:.8rem;white-space:nowrap}";
    document.head.appendChild(css);
  }

  // A page's graph out of the whole graph's data, for a view with data-page: the page first, then
  // the pages it links or is linked from (the best linked kept when there are more), and the links
  // between them, as the site's own -/graph/{page}.json has it.
  var MAX_LOCAL = 300;
  function around(data, path) {
    var n = data.nodes.length, start = -1, i;
    for (i = 0; i < n && start < 0; i++) if (data.nodes[i][1] === path) start = i;
    if (start < 0) return null;
    var deg = new Array(n).fill(0), near = [];
    data.links.forEach(function (l) {
      deg[l[0]]++; deg[l[1]]++;
      if (l[0] === start) near.push(l[1]); else if (l[1] === start) near.push(l[0]);
    });
    if (near.length > MAX_LOCAL - 1) {
      near.sort(function (a, b) { return deg[b] - deg[a] || a - b; });
      near = near.slice(0, MAX_LOCAL - 1);
    }
    near.sort(function (a, b) { return a - b; });
    var order = [start].concat(near), place = new Map(), links = [];
    order.forEach(function (g, k) { place.set(g, k); });
    data.links.forEach(function (l) {
      var a = place.get(l[0]), b = place.get(l[1]);
      if (a !== undefined && b !== undefined) links.push(a < b ? [a, b] : [b, a]);
    });
    return { nodes: order.map(function (g) { return data.nodes[g]; }), links: links };
  }

  function draw(el) {
    if (el.getAttribute("data-drawn")) return;
    style();
    el.setAttribute("data-drawn", "loading");
    var local = el.classList.contains("graph-local"), base = el.getAttribute("data-base");
    Promise.all([
      lib(el.getAttribute("data-lib")),
      fetch(el.getAttribute("data-src")).then(function (r) { return r.ok ? r.json() : null; })
    ]).then(function (got) {
      var ForceGraph = got[0], data = got[1], page = el.getAttribute("data-page");
      if (data && page !== null) data = around(data, page);
      if (window.performance && performance.mark) performance.mark("draehi-graph-data");
      if (!ForceGraph || !data) { el.setAttribute("data-drawn", "failed"); return; }
      // the global graph comes laid out (x, y per page): drawn as it is, no simulation runs
      var xy = data.xy && data.xy.length === 2 * data.nodes.length ? data.xy : null;
      var nodes = data.nodes.map(function (n, i) {
        var o = { id: i, t: n[0], p: n[1], j: !!n[2], deg: 0 };
        if (xy) { o.x = o.fx = xy[2 * i]; o.y = o.fy = xy[2 * i + 1]; }
        return o;
      });
      var links = data.links.map(function (l) {
        nodes[l[0]].deg++; nodes[l[1]].deg++;
        return { source: l[0], target: l[1] };
      });
      var accent = color(el, "--accent", "#0a62c7"), muted = color(el, "--muted", "#59636e");
      var fg = color(el, "--fg", "#1f2328");
      var many = nodes.length > 60, rel = local ? 4 : 3, view = null;
      var line = /^#[0-9a-f]{6}$/i.test(muted) ? muted + (many ? "55" : "aa") : muted;
      el.textContent = "";
      var g = ForceGraph()(el)
        .width(el.clientWidth)
        .height(local ? 260 : Math.max(320, Math.min(window.innerHeight * 0.72, 760)))
        .backgroundColor("rgba(0,0,0,0)")
        .graphData({ nodes: nodes, links: links })
        .nodeRelSize(rel)
        .nodeVal(function (n) { return 1 + Math.min(n.deg, 40) / 4; })
        .nodeColor(function (n) { return local ? (n.id === 0 ? accent : muted) : n.j ? muted : accent; })
        .nodeLabel(function (n) { return escapeHtml(n.t); })
        .linkColor(function () { return line; })
        .linkWidth(local ? 1 : 0.6)
        .cooldownTime(many ? 12000 : 4000)
        .d3AlphaMin(0.001) // d3's own end of a simulation: after that, pages barely move
        .onNodeClick(function (n) { location.href = base + n.p; })
        .onEngineStop(function () {
          if (el.getAttribute("data-drawn") === "settled") return;
          g.zoomToFit(0, 24);
          if (g.zoom() > 4) g.zoom(4); // a few pages stay dots, not discs
          setTimeout(function () {
            if (window.performance && performance.mark) performance.mark("draehi-graph-settled");
            el.setAttribute("data-drawn", "settled");
          }, 50);
        })
        .nodeCanvasObjectMode(function () { return "after"; })
        .nodeCanvasObject(function (n, ctx, scale) {
          if (many && scale < 2.5) return;
          if (view && (n.x < view[0] || n.x > view[2] || n.y < view[1] || n.y > view[3])) return;
          var size = (local ? 11 : 12) / scale;
          ctx.font = size + "px system-ui, sans-serif";
          ctx.textAlign = "center";
          ctx.textBaseline = "top";
          ctx.fillStyle = fg;
          var r = Math.sqrt(1 + Math.min(n.deg, 40) / 4) * rel;
          ctx.fillText(n.t.length > 40 ? n.t.slice(0, 39) + "\u2026" : n.t, n.x, n.y + r + 2 / scale);
        });
      if (many) g.d3AlphaDecay(0.04).enableNodeDrag(false);
      if (xy) g.cooldownTicks(0).enableNodeDrag(false);
      if (nodes.length > 500 || links.length > 2000) {
        // A large graph's links are drawn in batches, and only those in view: a stroke per link
        // costs it its frame rate, and one path of them all is as slow to raster.
        g.linkVisibility(false).onRenderFramePre(function (ctx, scale) {
          var t = ctx.getTransform();
          var x0 = -t.e / t.a, y0 = -t.f / t.d;
          var x1 = x0 + ctx.canvas.width / t.a, y1 = y0 + ctx.canvas.height / t.d;
          view = [x0, y0, x1, y1];
          ctx.strokeStyle = line;
          ctx.lineWidth = 0.6 / scale;
          // With more links in view than a frame can stroke at speed, every n-th of them: so
          // many lines fill the same area, and the graph still moves at full frame rate.
          var shown = 0, i, a, b;
          for (i = 0; i < links.length; i++) if (inView(links[i])) shown++;
          var every = Math.max(1, Math.ceil(shown / MAX_LINES));
          ctx.beginPath();
          for (var k = 0, n = 0, i = 0; i < links.length; i++) {
            if (!inView(links[i]) || n++ % every) continue;
            a = links[i].source; b = links[i].target;
            ctx.moveTo(a.x, a.y);
            ctx.lineTo(b.x, b.y);
            if (++k % 500 === 0) { ctx.stroke(); ctx.beginPath(); }
          }
          ctx.stroke();
          function inView(l) {
            var a = l.source, b = l.target;
            return !(a.x === undefined || (a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1)
                || (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1));
          }
        });
      }
      var framed = false;
      g.onRenderFramePost(function () {
        if (framed) return;
        framed = true;
        if (window.performance && performance.mark) performance.mark("draehi-graph-frame");
      });
      if (window.performance && performance.mark) performance.mark("draehi-graph-drawn");
      el.forceGraph = g;
      el.setAttribute("data-drawn", "drawn");
      if (!local) {
        window.addEventListener("resize", function () { g.width(el.clientWidth); });
      }
    }).catch(function () { el.setAttribute("data-drawn", "failed"); });
  }

  function drawVisible() {
    document.querySelectorAll(".graph-view").forEach(function (el) {
      var d = el.closest("details");
      if (!d || d.open) draw(el);
    });
  }

  document.addEventListener("toggle", function (e) {
    if (e.target.open && e.target.querySelector && e.target.querySelector(".graph-view")) drawVisible();
  }, true);
  drawVisible();
})();
