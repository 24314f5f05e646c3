// draehi previews: a mouse over (or keyboard focus on) a page reference, tag or block reference
// shows a card of its target, taken from the target's own page (which the browser then has when the
// reader follows the link): a page's title, properties and first blocks, or the block. An overlay:
// nothing moves. A tap follows the link; Escape or moving away closes the card.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.fetch || !window.DOMParser) return;
  var base = me.getAttribute("data-base");
  var LINKS = "a.page-reference, a.hashtag-link, a.tag, a.block-reference";
  var SHOW_MS = 350, HIDE_MS = 250;
  // a page's card shows its first blocks in outline order, up to the block that crosses MAX_CHARS
  var MAX_BLOCKS = 12, MAX_CHARS = 3000;
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
    return { page: u.pathname, block: block };
  }

  // The card's content for a target, as nodes of this document, or null.
  function content(t) {
    var here = t.page === location.pathname ? document : null;
    var from = here ? Promise.resolve(document) : text(t.page).then(function (h) { return h && parse(h); });
    return from.then(function (doc) {
      if (!doc) return null;
      return t.block ? blockCard(doc, t.block) : pageCard(doc, t.page);
    });
  }

  function blockCard(doc, id) {
    var li = doc.getElementById(id);
    if (!li) return null;
    var div = document.createElement("div");
    div.className = "preview";
    var ul = document.createElement("ul");
    ul.className = "blocks";
    ul.appendChild(document.importNode(li, true));
    div.appendChild(ul);
    return div;
  }

  // A page's card: its title, its properties and the top of its outline.
  function pageCard(doc, url) {
    var page = doc.querySelector("article.page");
    if (!page) return null;
    var h1 = page.querySelector(":scope > .page-title");
    var title = h1 ? h1.textContent : "";
    var div = document.createElement("div");
    div.className = "preview";
    div.setAttribute("data-page", title);
    var p = document.createElement("p"), a = document.createElement("a");
    p.className = "preview-title";
    a.href = url;
    a.textContent = title;
    p.appendChild(a);
    div.appendChild(p);
    var props = page.querySelector(":scope > .page-properties");
    if (props) div.appendChild(document.importNode(props, true));
    var blocks = page.querySelector(":scope > ul.blocks");
    if (!blocks) {
      var empty = page.querySelector(":scope > .empty-page");
      if (empty) div.appendChild(document.importNode(empty, true));
      return div;
    }
    var ul = document.importNode(blocks, true);
    var all = ul.querySelectorAll("li.block"), shown = 0, chars = 0;
    while (shown < all.length && shown < MAX_BLOCKS && chars < MAX_CHARS) {
      var own = all[shown].querySelector(".block-content"); // its own: it comes before its children's
      chars += own ? own.innerHTML.length : 0;
      shown++;
    }
    // in document order a block comes before its children: what is left is the top of the outline
    for (var i = all.length - 1; i >= shown; i--) all[i].remove();
    ul.querySelectorAll("ul.children").forEach(function (c) { if (!c.querySelector("li")) c.remove(); });
    div.appendChild(ul);
    if (shown < all.length) {
      var more = document.createElement("p");
      more.className = "preview-more";
      more.textContent = "\u2026";
      div.appendChild(more);
    }
    return div;
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
