// draehi previews: a mouse over (or keyboard focus on) a page reference, tag or block reference
// shows a card of its target: the page's fragment (-/preview/{path}.html) or the block, from its
// page. An overlay: nothing moves. A tap follows the link; Escape or moving away closes the card.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.fetch || !window.DOMParser) return;
  var base = me.getAttribute("data-base"), fragments = me.getAttribute("data-preview");
  var LINKS = "a.page-reference, a.hashtag-link, a.tag, a.block-reference";
  var SHOW_MS = 350, HIDE_MS = 250;
  var cache = {}, card = null, current = null, showTimer = 0, hideTimer = 0, lastPointer = "";

  function text(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .catch(function () { delete cache[url]; return null; });
    }
    return cache[url];
  }

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  // What a link previews: {url, block} or null when it leaves the workspace or names a site page.
  function target(a) {
    var u;
    try { u = new URL(a.getAttribute("href"), location.href); } catch (e) { return null; }
    if (u.origin !== location.origin || u.pathname.indexOf(base) !== 0) return null;
    var rest = u.pathname.substring(base.length).replace(/\/(index\.html)?$/, "");
    if (rest === "" || rest === "-" || rest.indexOf("-/") === 0) return null;
    var block = a.classList.contains("block-reference") && u.hash.length > 1
      ? decodeURIComponent(u.hash.substring(1)) : null;
    return { page: u.pathname, fragment: fragments + rest + ".html", block: block };
  }

  // The card's content for a target, as nodes of this document, or null.
  function content(t) {
    if (t.block) {
      var here = t.page === location.pathname ? document : null;
      var from = here ? Promise.resolve(document) : text(t.page).then(function (h) { return h && parse(h); });
      return from.then(function (doc) {
        var li = doc && doc.getElementById(t.block);
        if (!li) return null;
        var div = document.createElement("div");
        div.className = "preview";
        var ul = document.createElement("ul");
        ul.className = "blocks";
        ul.appendChild(document.importNode(li, true));
        div.appendChild(ul);
        return div;
      });
    }
    return text(t.fragment).then(function (h) {
      if (!h) return null;
      var div = parse(h).body.firstElementChild;
      return div ? document.importNode(div, true) : null;
    });
  }

  function ensureCard() {
    if (card) return card;
    var css = document.createElement("style");
    css.textContent = ".preview-card{position:absolute;z-index:20;width:min(26rem,calc(100vw - 16px));"
      + "max-height:20rem;overflow:auto;background:var(--bg);color:var(--fg);border:1px solid var(--border);"
      + "border-radius:6px;box-shadow:0 4px 18px #0003;padding:.5rem .75rem;font-size:.9rem;line-height:1.5}"
      + ".preview-card[hidden]{display:none}.preview-title{font-weight:600;margin:0 0 .35rem}"
      + ".preview-more{margin:0;color:var(--muted)}";
    document.head.appendChild(css);
    card = document.createElement("div");
    card.className = "preview-card";
    card.id = "preview-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(card);
    return card;
  }

  function place(a) {
    var r = a.getBoundingClientRect(), c = card.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var left = Math.max(8, Math.min(r.left, vw - c.width - 8));
    var top = r.bottom + 6;
    if (top + c.height > vh && r.top - c.height - 6 > 0) top = r.top - c.height - 6;
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (top + window.scrollY) + "px";
  }

  function show(a) {
    var t = target(a);
    if (!t) return;
    current = a;
    content(t).then(function (node) {
      if (current !== a || !node) return;
      ensureCard();
      card.textContent = "";
      // ids belong to the page the card came from, not to this one
      node.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      node.removeAttribute("id");
      card.appendChild(node);
      card.hidden = false;
      a.setAttribute("aria-describedby", card.id);
      place(a);
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (card) card.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_MS);
  }

  function schedule(a) {
    clearTimeout(hideTimer);
    if (a === current && card && !card.hidden) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(a); }, SHOW_MS);
  }

  function link(e) {
    var a = e.target.closest && e.target.closest(LINKS);
    return a && !(card && card.contains(a)) ? a : null;
  }

  document.addEventListener("pointerover", function (e) {
    lastPointer = e.pointerType;
    if (e.pointerType !== "mouse") return; // a tap follows the link
    var a = link(e);
    if (a) schedule(a);
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse") return;
    var a = link(e);
    if (a && !a.contains(e.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (e) {
    var a = link(e);
    // keyboard focus only: a tap also focuses the link it follows
    if (a && lastPointer !== "touch" && a.matches(":focus-visible")) schedule(a);
  });
  document.addEventListener("focusout", function (e) {
    if (link(e)) scheduleHide();
  });
  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType;
    if (card && !card.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    lastPointer = "";
    if (e.key === "Escape" && (current || (card && !card.hidden))) hide();
  });
  window.addEventListener("scroll", function () { if (current && card && !card.hidden) place(current); }, { passive: true });
})();
