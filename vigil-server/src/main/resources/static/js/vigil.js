// Small page helpers: self-refreshing regions and local time display.
(function () {
  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) { t.title = t.getAttribute('datetime'); t.textContent = d.toLocaleString(); }
    });
  }
  // An element with data-refresh-url and data-refresh-while replaces itself from that URL every
  // few seconds while the attribute's condition (a CSS selector inside it) still matches.
  function autoRefresh(el) {
    var url = el.getAttribute('data-refresh-url');
    var whileSel = el.getAttribute('data-refresh-while');
    var timer = setInterval(function () {
      if (whileSel && !el.querySelector(whileSel)) { clearInterval(timer); return; }
      fetch(url, { headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html == null) return;
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.getElementById(el.id);
          if (fresh) { el.innerHTML = fresh.innerHTML; localTimes(el); }
        });
    }, 2000);
  }
  // A form with data-confirm asks before it submits (inline handlers are barred by our CSP).
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // A field with data-refresh re-renders its form (a GET with the chosen values, no CSRF token)
  // at the form's data-refresh-action, so pick lists follow the package and checklist chosen.
  function refreshOnChange(el) {
    el.addEventListener('change', function () {
      var form = el.form, params = new URLSearchParams(new FormData(form));
      params.delete('_csrf');
      params.set('refresh', '1');
      window.location = form.getAttribute('data-refresh-action') + '?' + params.toString();
    });
  }
  // ESC closes an open menu (a <details> drop-down such as MORE or + ADD) and returns focus to its
  // button, so the keyboard is never left inside a menu it cannot dismiss.
  function closeMenusOnEscape(event) {
    if (event.key !== 'Escape') {
      return;
    }
    document.querySelectorAll('details.addmenu[open]').forEach(function (menu) {
      menu.removeAttribute('open');
      var summary = menu.querySelector('summary');
      if (summary && menu.contains(document.activeElement)) {
        summary.focus();
      }
    });
  }
  document.addEventListener('keydown', closeMenusOnEscape);

  // An element with data-shown-when="<field id>" and data-shown-value="<value>" is shown only while
  // that field has that value (the host form's SSH fields for an SSH connection).
  function showWhen(el) {
    var field = document.getElementById(el.getAttribute('data-shown-when'));
    if (!field) {
      return;
    }
    var update = function () {
      el.hidden = field.value !== el.getAttribute('data-shown-value');
    };
    field.addEventListener('change', update);
    update();
  }
  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    document.querySelectorAll('[data-refresh-url]').forEach(autoRefresh);
    document.querySelectorAll('[data-refresh]').forEach(refreshOnChange);
    document.querySelectorAll('[data-shown-when]').forEach(showWhen);
  });
})();
