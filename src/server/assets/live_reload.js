// Bengal live reload. `bengal serve` adds this script to every HTML page it
// serves (never to the files `bengal build` writes). It listens for build
// events on /__bengal_reload__ (Server-Sent Events):
//   change  {gen, reload: [urls], css: [urls], moved: [{from, to}], all}
//           reload this page if its URL is listed (or `all`), else swap the
//           changed stylesheets (and renamed fingerprinted ones) in place
//   failed  {gen, errors, warnings, diagnostics: [...]}  show an overlay
//   hello   {gen, instance}  sent on connect
// The overlay clears itself on the next successful build.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.EventSource || window.__bengal) return;
  var state = (window.__bengal = {
    gen: Number(script.getAttribute('data-gen')) || 0,
    instance: script.getAttribute('data-instance') || '',
    connected: false,
    swaps: 0
  });
  var served = normalize(script.getAttribute('data-page') || '');
  var here = normalize(location.pathname);
  var OVERLAY_ID = '__bengal_overlay__';
  var source = null;
  var retryDelay = 1000;

  function normalize(path) {
    try {
      path = decodeURI(path);
    } catch (e) {}
    return path.replace(/\/index\.html$/, '/');
  }

  function concerns(urls) {
    for (var i = 0; i < urls.length; i++) {
      var u = normalize(urls[i]);
      if (u === '*' || u === here || u === served) return true;
    }
    return false;
  }

  function refreshLink(link, newPath) {
    var url = new URL(link.href, location.href);
    if (newPath) url.pathname = newPath;
    url.searchParams.set('bengal', String(state.gen));
    // Load the new sheet beside the old one and drop the old one once it
    // applies, so the page never shows unstyled.
    var fresh = link.cloneNode(false);
    fresh.href = url.href;
    var done = function () {
      if (link.parentNode) link.parentNode.removeChild(link);
      state.swaps++;
    };
    fresh.addEventListener('load', done);
    fresh.addEventListener('error', done);
    link.parentNode.insertBefore(fresh, link.nextSibling);
  }

  // `paths`: stylesheets changed in place; `moves`: fingerprinted ones that
  // got a new name ({from, to}, in order).
  function swapStylesheets(paths, moves) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    var local = [];
    var matched = false;
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      local.push(links[i]);
      var path = normalize(url.pathname);
      var moved = false;
      for (var m = 0; m < moves.length; m++) {
        if (moves[m].from === path) {
          path = moves[m].to;
          moved = true;
        }
      }
      if (moved) {
        refreshLink(links[i], path);
        matched = true;
      } else if (paths.indexOf(path) >= 0) {
        refreshLink(links[i], null);
        matched = true;
      }
    }
    // The changed file may be @import-ed by a linked one: refresh them all.
    if (!matched && paths.length) local.forEach(function (l) { refreshLink(l, null); });
  }

  function hideOverlay() {
    var el = document.getElementById(OVERLAY_ID);
    if (el) el.parentNode.removeChild(el);
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute('style', style);
    if (text) e.textContent = text;
    return e;
  }

  function showOverlay(data) {
    hideOverlay();
    var box = el('div',
      'position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:24px 32px;' +
      'background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;' +
      'text-align:left;white-space:normal');
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    var close = el('button',
      'float:right;background:none;border:1px solid #71717a;color:#f4f4f5;font:inherit;cursor:pointer;' +
      'padding:2px 10px', 'close');
    close.addEventListener('click', hideOverlay);
    box.appendChild(close);
    var n = data.errors;
    box.appendChild(el('h2', 'margin:0 0 4px;font-size:18px;color:#f87171',
      'Build failed: ' + n + (n === 1 ? ' error' : ' errors')));
    box.appendChild(el('p', 'margin:0 0 16px;color:#a1a1aa',
      'Bengal keeps serving the last good build. Fix the problem and save: this message goes away.'));
    (data.diagnostics || []).forEach(function (d) {
      var item = el('div', 'margin:0 0 14px;padding:8px 12px;border-left:3px solid ' +
        (d.severity === 'error' ? '#f87171' : '#facc15'));
      item.className = '__bengal_diagnostic__';
      var where = d.file + (d.line ? ':' + d.line + (d.column ? ':' + d.column : '') : '');
      item.appendChild(el('div', 'font-weight:bold', where));
      item.appendChild(el('div', '', d.severity + ': ' + d.message));
      if (d.excerpt) item.appendChild(el('pre', 'margin:4px 0;color:#d4d4d8;white-space:pre-wrap', d.excerpt));
      if (d.hint) item.appendChild(el('div', 'color:#93c5fd', 'hint: ' + d.hint));
      box.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(box);
  }

  function connect() {
    source = new EventSource('/__bengal_reload__?since=' + state.gen +
      '&instance=' + encodeURIComponent(state.instance));
    source.addEventListener('hello', function () {
      state.connected = true;
      retryDelay = 1000;
    });
    source.addEventListener('change', function (e) {
      var d = JSON.parse(e.data);
      hideOverlay();
      if (d.gen <= state.gen) return;
      state.gen = d.gen;
      if (d.all || concerns(d.reload)) {
        source.close();
        location.reload();
        return;
      }
      if (d.css.length || d.moved.length) swapStylesheets(d.css.map(normalize), d.moved);
    });
    source.addEventListener('failed', function (e) {
      showOverlay(JSON.parse(e.data));
    });
    source.onerror = function () {
      // Reconnect ourselves so the server learns the generation we are at now.
      state.connected = false;
      source.close();
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  }

  connect();
})();
