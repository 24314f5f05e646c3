/* draehi: the reader's choice of light or dark, remembered. Loaded in the head, before the page
   is drawn, so that a saved choice never flashes the other theme; without one, the system's. */
(function () {
  var KEY = 'draehi-theme';
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* storage off: follow the system */ }
  if (saved === 'dark' || saved === 'light') { root.setAttribute('data-theme', saved); }
  function dark() {
    var t = root.getAttribute('data-theme');
    if (t) { return t === 'dark'; }
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('.theme-toggle');
    if (!button) { return; }
    function show() {
      var d = dark();
      button.setAttribute('aria-pressed', d ? 'true' : 'false');
      button.title = d ? 'Light mode' : 'Dark mode';
    }
    button.hidden = false;
    show();
    button.addEventListener('click', function () {
      var next = dark() ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* not remembered */ }
      show();
    });
  });
})();
