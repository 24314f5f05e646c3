// Typesets the page's math (span.math.inline, span.math.display, div.math.display) with KaTeX.
// The element keeps its class; KaTeX's output carries the TeX in a MathML <annotation>. A formula
// KaTeX cannot read keeps its source, marked .math-error with the reason as its title.
(function () {
  if (!window.katex) return;
  var pairs = [["\\(", "\\)"], ["\\[", "\\]"], ["$$", "$$"], ["$", "$"]];
  function tex(s) {
    s = s.trim();
    for (var i = 0; i < pairs.length; i++) {
      var p = pairs[i];
      if (s.length >= p[0].length + p[1].length && s.startsWith(p[0]) && s.endsWith(p[1])) {
        return s.slice(p[0].length, s.length - p[1].length);
      }
    }
    return s;
  }
  var els = document.querySelectorAll(".math.inline, .math.display");
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    var source = el.textContent;
    try {
      katex.render(tex(source), el, {
        displayMode: el.classList.contains("display"),
        throwOnError: true,
        trust: false,
        strict: "ignore",
      });
    } catch (e) {
      el.textContent = source;
      el.classList.add("math-error");
      el.title = e && e.message ? e.message : String(e);
    }
  }
})();
