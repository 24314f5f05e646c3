// Highlights the page's code blocks with highlight.js and gives each a language label and a copy
// button. A block in a language it does not know keeps its text as it is.
(function () {
  if (window.hljs) {
    // names Logseq users write that highlight.js files under another language
    hljs.registerAliases(["shell", "console", "terminal"], { languageName: "bash" });
  }
  var blocks = document.querySelectorAll("pre > code");
  for (var i = 0; i < blocks.length; i++) {
    var code = blocks[i];
    var pre = code.parentNode;
    var m = /(?:^|\s)language-(\S+)/.exec(code.className);
    var lang = m ? m[1] : "";
    if (lang && window.hljs && hljs.getLanguage(lang)) {
      try {
        code.innerHTML = hljs.highlight(code.textContent, { language: lang, ignoreIllegals: true }).value;
        code.classList.add("hljs");
      } catch (e) {
        // left as plain text
      }
    }
    var bar = document.createElement("div");
    bar.className = "code-bar";
    var label = document.createElement("span");
    label.className = "code-language";
    label.textContent = lang || "text";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
    button.addEventListener("click", copy(code, button));
    bar.appendChild(label);
    bar.appendChild(button);
    pre.classList.add("code-block");
    pre.insertBefore(bar, code);
  }
  function copy(code, button) {
    return function () {
      var text = code.textContent;
      var done = function () { report(button, "Copied"); };
      var failed = function () { report(button, fallback(text) ? "Copied" : "Copy failed"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    };
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function report(button, text) {
    button.textContent = text;
    button.classList.add("code-copied");
    setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("code-copied");
    }, 2000);
  }
})();
