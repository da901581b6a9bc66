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
          if (fresh) {
            el.innerHTML = fresh.innerHTML;
            localTimes(el);
            el.querySelectorAll('table[data-sortable]').forEach(sortable);
          }
        });
    }, 2000);
  }
  // A form with data-confirm asks before it submits (inline handlers are barred by our CSP).
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // A field with data-refresh updates its form's pick lists in place: the form is read as a GET of
  // its data-refresh-action (the chosen values, no CSRF token), and each element whose
  // data-depends names the changed field takes its content from the answer. Nothing else of the
  // page changes, so focus, scroll and typed values stay. When the fetch fails the page is loaded
  // the old way (the same GET as a navigation).
  function refreshOnChange(el) {
    el.addEventListener('change', function () {
      var form = el.form, params = new URLSearchParams(new FormData(form));
      params.delete('_csrf');
      params.set('refresh', '1');
      var url = form.getAttribute('data-refresh-action') + '?' + params.toString();
      var status = document.getElementById('choices-status');
      form.setAttribute('aria-busy', 'true');
      fetch(url, { headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          form.querySelectorAll('[data-depends]').forEach(function (target) {
            if (target === el || target.getAttribute('data-depends').split(' ').indexOf(el.id) < 0) {
              return;
            }
            var fresh = doc.getElementById(target.id);
            if (fresh) {
              target.innerHTML = fresh.innerHTML;
              if (target.id === 'targets') { targetPicker(target); }
            }
          });
          form.removeAttribute('aria-busy');
          if (status) { status.textContent = 'Choices updated.'; }
        })
        .catch(function () { window.location = url; });
    });
  }
  // The job form's targets: search by name, filter by label, select all shown, clear, and a count;
  // thousands of rows are filtered in the page without any request.
  function targetPicker(box) {
    var list = box.querySelector('#target-list'), tools = box.querySelector('.target-tools');
    if (!list || !tools) { return; }
    tools.hidden = false;
    var search = box.querySelector('#target-search'), label = box.querySelector('#target-label');
    var count = box.querySelector('#target-count');
    var rows = Array.prototype.slice.call(list.children);
    function tally() {
      var chosen = list.querySelectorAll('input[type=checkbox]:checked').length, shown = 0;
      rows.forEach(function (r) { if (!r.hidden) { shown++; } });
      count.textContent = chosen + ' selected · ' + shown + ' of ' + rows.length + ' shown';
    }
    function filter() {
      var q = search.value.trim().toLowerCase(), l = label.value;
      rows.forEach(function (r) {
        var ok = (!q || r.getAttribute('data-name').indexOf(q) >= 0)
          && (!l || r.getAttribute('data-labels').split('\n').indexOf(l) >= 0);
        r.hidden = !ok;
      });
      tally();
    }
    function setShown(on) {
      rows.forEach(function (r) { if (!r.hidden || !on) { r.querySelector('input').checked = on; } });
      tally();
    }
    search.addEventListener('input', filter);
    // Enter in the search box filters; it must not submit the wizard's step
    search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); filter(); } });
    label.addEventListener('change', filter);
    box.querySelector('#target-select-all').addEventListener('click', function () { setShown(true); });
    box.querySelector('#target-clear').addEventListener('click', function () { setShown(false); });
    list.addEventListener('change', tally);
    filter();
  }
  // A time zone choice with data-guess-zone starts at the browser's zone while no date is typed.
  function guessZone(sel) {
    var date = document.getElementById('dateTime');
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || (date && date.value) || sel.value !== 'UTC') { return; }
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === zone) { sel.value = zone; return; }
    }
  }
  // A table with data-sortable sorts its rows by a header's column when the header is clicked
  // (numbers as numbers, else text; a cell's data-sort value wins over its text). Paged lists sort
  // on the server instead: their headers are links with a sort parameter.
  function sortable(table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      if (th.hasAttribute('data-nosort') || th.querySelector('a')) { return; }
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > col; });
        function key(r) {
          var c = r.cells[col];
          return c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim();
        }
        rows.sort(function (x, y) {
          var a = key(x), z = key(y), na = parseFloat(a), nz = parseFloat(z), d;
          if (!isNaN(na) && !isNaN(nz) && /^-?[0-9.]+/.test(a) && /^-?[0-9.]+/.test(z)) { d = na - nz; }
          else { d = a.localeCompare(z, undefined, { numeric: true, sensitivity: 'base' }); }
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
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
    document.querySelectorAll('[data-no-js-only]').forEach(function (e) { e.hidden = true; });
    document.querySelectorAll('[data-js-only]').forEach(function (e) { e.hidden = false; });
    document.querySelectorAll('fieldset#targets').forEach(targetPicker);
    document.querySelectorAll('select[data-guess-zone]').forEach(guessZone);
    document.querySelectorAll('table[data-sortable]').forEach(sortable);
  });
})();
