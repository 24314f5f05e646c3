// Hides each cloze's answer behind its cue, as Logseq shows it, until it is clicked (or Enter or
// Space is pressed on it); clicked again, the cue comes back. Without it the answers show.
(function () {
  var clozes = document.querySelectorAll(".cloze");
  for (var i = 0; i < clozes.length; i++) {
    var c = clozes[i];
    c.classList.add("cloze-hidden");
    c.tabIndex = 0;
    c.setAttribute("role", "button");
    c.setAttribute("aria-expanded", "false");
    c.addEventListener("click", toggle);
    c.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle.call(this, e); }
    });
  }
  function toggle(e) {
    if (e.target.closest("a") && !this.classList.contains("cloze-hidden")) return; // a link in the answer
    var hidden = this.classList.toggle("cloze-hidden");
    this.setAttribute("aria-expanded", hidden ? "false" : "true");
    if (!hidden || e.target.closest("a")) e.preventDefault();
  }
})();
