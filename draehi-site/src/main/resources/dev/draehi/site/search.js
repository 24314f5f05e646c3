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
  // The document numbers in range r of the words that match query word w.
  function postings(manifest, w, s, r) {
    return get(parts + "w/" + fileName(s.file) + "-" + r + ".json").then(function (shard) {
      var ids = {};
      if (!shard) return ids;
      for (var word in shard) {
        if (s.exact ? word !== w : word.lastIndexOf(w, 0) !== 0) continue;
        if (shardKey(word) !== s.key) continue;
        var d = shard[word], id = r * manifest.range;
        for (var i = 0; i < d.length; i++) { id += d[i]; ids[id] = 1; }
      }
      return ids;
    });
  }
  // The first LIMIT documents holding every word (and whether there are more): the ranges that
  // every word's shard has postings in, read in order until enough are found.
  function search(q) {
    var ws = words(fold(q).text);
    if (!ws.length) return Promise.resolve(null);
    return get(form.getAttribute("data-index")).then(function (manifest) {
      if (!manifest) throw new Error("no index");
      var shards = ws.map(function (w) { return shardOf(manifest, w); });
      var ranges = null;
      shards.forEach(function (s) {
        var these = manifest.keys[s.file] || [];
        ranges = ranges === null ? these : ranges.filter(function (r) { return these.indexOf(r) >= 0; });
      });
      var found = [];
      function next(k) {
        if (k >= ranges.length || found.length > LIMIT) return Promise.resolve();
        return Promise.all(ws.map(function (w, i) { return postings(manifest, w, shards[i], ranges[k]); }))
          .then(function (sets) {
            Object.keys(sets[0]).map(Number).sort(function (a, b) { return a - b; }).forEach(function (id) {
              for (var j = 1; j < sets.length; j++) if (!sets[j][id]) return;
              found.push(id);
            });
            return next(k + 1);
          });
      }
      return next(0).then(function () {
        var shown = found.slice(0, LIMIT), chunks = {};
        shown.forEach(function (id) { chunks[Math.floor(id / manifest.chunk)] = 1; });
        return Promise.all(Object.keys(chunks).map(function (n) {
          return get(parts + "d/" + n + ".json").then(function (docs) { chunks[n] = docs || []; });
        })).then(function () {
          return {
            words: ws, more: found.length > LIMIT,
            hits: shown.map(function (id) { return chunks[Math.floor(id / manifest.chunk)][id % manifest.chunk]; })
              .filter(Boolean)
          };
        });
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
  // The hits as the search page's server writes them.
  function render(list, res) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!res) return;
    res.hits.forEach(function (d) {
      var li = document.createElement("li");
      li.className = d[0] ? "search-hit page-hit" : "search-hit block-hit";
      var a = document.createElement("a");
      a.href = d[2];
      marked(a, d[1], d[0] ? res.words : [], 0);
      li.appendChild(a);
      if (!d[0]) {
        var p = document.createElement("p");
        p.className = "snippet";
        marked(p, d[3], res.words, SNIPPET);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var last = document.createElement("li");
    if (!res.hits.length) { last.className = "search-none"; last.textContent = "Nothing matches."; }
    else if (res.more) {
      last.className = "search-more"; last.textContent = "More matches: add a word to narrow them.";
    } else return;
    list.appendChild(last);
  }
  // Only the answer to the latest query is shown.
  function live(input, list, onShow) {
    var latest = 0;
    function run() {
      var n = ++latest, q = input.value;
      search(q).then(function (res) {
        if (n !== latest) return;
        render(list, res);
        if (onShow) onShow(res);
      }).catch(function () { /* no index: the form still submits to the search page */ });
    }
    input.addEventListener("input", run);
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
