// draehi search: the header's box and the search page find hits as one types, in the index parts
// under -/search/ (shards per word start and range of documents, chunks of documents for the
// hits), the same way the server finds them for the search page without script (SearchIndex,
// SearchText).
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form) return;
  var headerInput = form.querySelector("input[type=search]");
  var parts = form.getAttribute("data-parts");
  var LIMIT = 30, SNIPPET = 200;
  var WORD = /[\p{L}\p{N}]/u, CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u, MARK = /\p{M}/gu;
  var cache = {};
  function get(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { delete cache[url]; return null; });
    }
    return cache[url];
  }
  // Folded text (decomposed, no accents, lower case) and the index in s each of its chars came from.
  function fold(s) {
    var out = "", origin = [];
    for (var i = 0; i < s.length;) {
      var cp = s.codePointAt(i), len = cp > 0xffff ? 2 : 1, f;
      if (cp < 0x80) f = s[i].toLowerCase();
      else f = s.substr(i, len).normalize("NFD").replace(MARK, "").toLowerCase();
      for (var k = 0; k < f.length; k++) origin.push(i);
      out += f;
      i += len;
    }
    return { text: out, origin: origin };
  }
  function words(folded) {
    var out = [], seen = {}, word = "", cjk = [];
    function add(w) { if (!seen[w]) { seen[w] = 1; out.push(w); } }
    function flush() { if (word.length > 0 && word.length <= 64) add(word); word = ""; }
    function flushCjk() {
      if (cjk.length === 1) add(cjk[0]);
      for (var k = 0; k + 1 < cjk.length; k++) add(cjk[k] + cjk[k + 1]);
      cjk = [];
    }
    for (var ch of folded) {
      var w = WORD.test(ch);
      if (w && CJK.test(ch)) { flush(); cjk.push(ch); continue; }
      flushCjk();
      if (w) word += ch; else flush();
    }
    flush(); flushCjk();
    return out;
  }
  function shardKey(w) {
    var cps = Array.from(w);
    return CJK.test(cps[0]) ? cps[0] : cps.slice(0, 2).join("");
  }
  function fileName(key) {
    var s = "";
    for (var i = 0; i < key.length; i++) s += ("000" + key.charCodeAt(i).toString(16)).slice(-4);
    return s;
  }
  // Which shard file query word w reads, and whether only the word itself matches.
  function shardOf(manifest, w) {
    var key = shardKey(w), split = manifest.split.indexOf(key) >= 0, exact = split && w === key;
    return { key: key, file: split && !exact ? Array.from(w).slice(0, 3).join("") : key, exact: exact };
  }
  // The documents in range r holding a word that matches query word w, as a set of their numbers
  // from the range's start.
  function postings(manifest, w, s, r) {
    return get(parts + "w/" + fileName(s.file) + "-" + r + ".json").then(function (shard) {
      var set = new Uint8Array(manifest.range);
      if (!shard) return set;
      for (var word in shard) {
        if (s.exact ? word !== w : word.lastIndexOf(w, 0) !== 0) continue;
        if (shardKey(word) !== s.key) continue;
        var d = shard[word], id = 0;
        for (var i = 0; i < d.length; i++) { id += d[i]; set[id] = 1; }
      }
      return set;
    });
  }
  // The first LIMIT documents holding every word (and whether there are more), handed to show as
  // soon as a first stretch of them can be shown, then again as more can. The ranges that every
  // word's shard has postings in are read in order, the first two one by one (one is often enough,
  // and on a large graph the first holds only pages), then two at a time, until enough are found;
  // a query typed over (alive() false) stops there.
  function search(q, show, alive) {
    var ws = words(fold(q).text);
    if (!ws.length) { show(null, true); return Promise.resolve(); }
    return get(form.getAttribute("data-index")).then(function (manifest) {
      if (!manifest) throw new Error("no index");
      var shards = ws.map(function (w) { return shardOf(manifest, w); });
      var ranges = null;
      shards.forEach(function (s) {
        var these = manifest.keys[s.file] || [];
        ranges = ranges === null ? these : ranges.filter(function (r) { return these.indexOf(r) >= 0; });
      });
      var found = [];
      function range(r) {
        return Promise.all(ws.map(function (w, i) { return postings(manifest, w, shards[i], r); }))
          .then(function (sets) {
            var ids = [], first = sets[0], base = r * manifest.range;
            for (var id = 0; id < first.length && ids.length <= LIMIT; id++) {
              if (!first[id]) continue;
              var all = true;
              for (var j = 1; j < sets.length && all; j++) all = sets[j][id] === 1;
              if (all) ids.push(base + id);
            }
            return ids;
          });
      }
      function next(k, n) {
        if (k >= ranges.length || found.length > LIMIT || !alive()) return Promise.resolve();
        var batch = ranges.slice(k, k + n);
        return Promise.all(batch.map(range)).then(function (lists) {
          lists.forEach(function (ids) { found = found.concat(ids); });
          return next(k + batch.length, k + batch.length < 2 ? 1 : 2);
        });
      }
      return next(0, 1).then(function () {
        if (!alive()) return;
        var shown = found.slice(0, LIMIT), docs = [], ready = 0, more = found.length > LIMIT;
        var res = { words: ws, more: more, hits: [] };
        if (!shown.length) { show(res, true); return; }
        // Chunks are asked for in the order of the hits. The first stretch of hits whose chunks
        // have come is shown at once, so the first hits do not wait for the last; the rest are
        // shown together when all have come (one more layout, not one a chunk).
        var chunks = {};
        shown.forEach(function (id) {
          var n = Math.floor(id / manifest.chunk);
          if (!chunks[n]) chunks[n] = get(parts + "d/" + n + ".json");
        });
        return Promise.all(shown.map(function (id, k) {
          return chunks[Math.floor(id / manifest.chunk)].then(function (chunk) {
            docs[k] = (chunk && chunk[id % manifest.chunk]) || false;
            if (k !== ready || !alive()) return;
            var before = ready;
            while (ready < shown.length && docs[ready] !== undefined) ready++;
            if (before > 0 && ready < shown.length) return;
            res.hits = docs.slice(0, ready).filter(Boolean);
            show(res, ready === shown.length);
          });
        }));
      });
    });
  }
  // text with the query's words in <mark>: all of it (max 0) or a snippet around the first match.
  function marked(el, text, ws, max) {
    var f = fold(text), ranges = [];
    ws.forEach(function (q) {
      var cjk = CJK.test(q[0]);
      for (var at = f.text.indexOf(q); at >= 0; at = f.text.indexOf(q, at + 1)) {
        var before = Array.from(f.text.slice(Math.max(0, at - 2), at)).pop();
        if (!cjk && before && WORD.test(before)) continue;
        var last = f.origin[at + q.length - 1];
        ranges.push([f.origin[at], last + (text.codePointAt(last) > 0xffff ? 2 : 1)]);
      }
    });
    if (!ranges.length) {
      el.textContent = max && text.length > max ? text.slice(0, max) + "\u2026" : text;
      return;
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var top = merged[merged.length - 1];
      if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]); else merged.push(r.slice());
    });
    if (!max) max = text.length;
    var start = Math.max(0, merged[0][0] - Math.floor(max / 4));
    if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
    var end = Math.min(text.length, start + max);
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
    var at = start;
    if (start > 0) el.appendChild(document.createTextNode("\u2026"));
    merged.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "\u2026" : "")));
  }
  // One hit as the search page's server writes it.
  function hit(d, ws) {
    var li = document.createElement("li");
    li.className = d[0] ? "search-hit page-hit" : "search-hit block-hit";
    var a = document.createElement("a");
    a.href = d[2];
    marked(a, d[1], d[0] ? ws : [], 0);
    li.appendChild(a);
    if (!d[0]) {
      var p = document.createElement("p");
      p.className = "snippet";
      marked(p, d[3], ws, SNIPPET);
      li.appendChild(p);
    }
    return li;
  }
  // The hits of res from the from-th on, after those already shown, and the last line once done.
  function render(list, res, from, done) {
    var add = document.createDocumentFragment();
    if (res) {
      for (var i = from; i < res.hits.length; i++) add.appendChild(hit(res.hits[i], res.words));
      if (done && (!res.hits.length || res.more)) {
        var last = document.createElement("li");
        if (!res.hits.length) { last.className = "search-none"; last.textContent = "Nothing matches."; }
        else { last.className = "search-more"; last.textContent = "More matches: add a word to narrow them."; }
        add.appendChild(last);
      }
    }
    if (from === 0) while (list.firstChild) list.removeChild(list.firstChild);
    list.appendChild(add);
  }
  // Only the answer to the latest query is shown. A first keystroke searches at once; keystrokes
  // that follow it closely wait until typing pauses, so that a word typed is not searched for
  // letter by letter.
  var PAUSE = 60;
  function live(input, list, onShow) {
    var latest = 0, typed = 0, timer = null;
    function run() {
      var n = ++latest, q = input.value, shown = -1;
      timer = null;
      function alive() { return n === latest; }
      list.setAttribute("aria-busy", "true");
      search(q, function (res, done) {
        if (!alive()) return;
        render(list, res, Math.max(0, shown), done);
        shown = res ? res.hits.length : 0;
        if (done) list.setAttribute("aria-busy", "false");
        if (onShow) onShow(res);
      }, alive).catch(function () {
        // no index: the form still submits to the search page
        if (alive()) list.setAttribute("aria-busy", "false");
      });
    }
    input.addEventListener("input", function () {
      var now = Date.now(), soon = now - typed < PAUSE;
      typed = now;
      if (timer) clearTimeout(timer);
      if (!soon) return run();
      latest++; // the query typed over stops asking for more of the index
      timer = setTimeout(run, PAUSE);
    });
    return run;
  }

  // The search page: ?q= fills the box (a static export has no server to do it) and the list.
  var page = document.getElementById("search-results");
  var pageInput = document.querySelector("form.search input[type=search]");
  var q = new URLSearchParams(location.search).get("q") || "";
  if (page && pageInput) {
    var runPage = live(pageInput, page, function () {
      var url = new URL(location.href);
      if (pageInput.value) url.searchParams.set("q", pageInput.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    });
    // one comes to this page to search: the manifest is read before the first word is typed
    get(form.getAttribute("data-index"));
    if (q && !pageInput.value) pageInput.value = q;
    // The server already wrote the same hits for this query; a static page has none yet.
    if (q && page.getAttribute("data-q") !== q) runPage();
  }

  // The header's box: hits in a panel under it as one types.
  var panel = document.createElement("ol");
  panel.className = "search-results search-panel";
  panel.id = "search-panel";
  panel.hidden = true;
  form.appendChild(panel);
  headerInput.setAttribute("aria-controls", "search-panel");
  live(headerInput, panel, function (res) { panel.hidden = !res; });
  headerInput.addEventListener("focus", function () {
    get(form.getAttribute("data-index"));
    if (panel.firstChild && headerInput.value) panel.hidden = false;
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) panel.hidden = true; });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if ((e.key === "/" && !typing) || (e.key === "k" && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      headerInput.focus();
      headerInput.select();
    } else if (e.key === "Escape" && t === headerInput) {
      panel.hidden = true;
    }
  });
})();
