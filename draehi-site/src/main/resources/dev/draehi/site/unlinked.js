// draehi unlinked references: a page's collapsed "Unlinked references" section is filled from its
// fragment (-/unlinked/{page}.html) when a reader opens it, as Logseq looks them up only then. A
// page that has none has no fragment (404).
(function () {
  "use strict";
  if (!window.fetch) return;
  document.querySelectorAll("section.unlinked-references[data-src]").forEach(function (s) {
    var d = s.querySelector("details"), body = s.querySelector(".unlinked-body");
    if (!d || !body) return;
    function say(text) {
      body.textContent = "";
      var p = document.createElement("p");
      p.className = "empty-references";
      p.textContent = text;
      body.appendChild(p);
    }
    d.addEventListener("toggle", function () {
      if (!d.open || s.getAttribute("data-loaded")) return;
      s.setAttribute("data-loaded", "loading");
      fetch(s.getAttribute("data-src"), { credentials: "same-origin" }).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (html) {
        if (html === null) {
          say("No unlinked references.");
        } else {
          // the site's own fragment: the stored, sanitized HTML of the blocks
          var doc = new DOMParser().parseFromString(html, "text/html");
          body.textContent = "";
          Array.prototype.forEach.call(doc.body.childNodes, function (n) {
            body.appendChild(document.importNode(n, true));
          });
        }
        s.setAttribute("data-loaded", "done");
      }).catch(function () {
        s.removeAttribute("data-loaded");
        say("The unlinked references could not be loaded.");
      });
    });
  });
})();
