// Bengal default theme: the few behaviours that need a script. No framework,
// no network except the site's own index.json, fetched the first time search
// opens. Everything works without this file except the search, the dark-mode
// toggle and the tab bar (tabs then show stacked, each under its label).
(function () {
  "use strict";
  var root = document.documentElement;
  var storage = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  function $all(sel, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(sel)); }

  // ---- light/dark: an explicit choice is remembered; without one the OS decides.
  var darkQuery = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : !!(darkQuery && darkQuery.matches);
  }
  function syncToggle() {
    $all(".theme-toggle").forEach(function (b) { b.setAttribute("aria-pressed", isDark() ? "true" : "false"); });
  }
  $all(".theme-toggle").forEach(function (b) {
    b.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      storage.set("bengal-theme", next);
      syncToggle();
    });
  });
  if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", syncToggle);
  syncToggle();

  // ---- disclosures: header menu, docs sidebar (narrow screens), sidebar sections.
  // The button's aria-expanded and the element's "open" class move together.
  function disclosure(button, el) {
    if (!el) return;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      el.classList.toggle("open", open);
    });
  }
  $all(".nav-toggle, .sidebar-toggle").forEach(function (b) { disclosure(b, document.getElementById(b.getAttribute("aria-controls"))); });
  $all(".nav-expand").forEach(function (b) { disclosure(b, b.closest(".nav-section")); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    $all(".nav-toggle[aria-expanded='true'], .sidebar-toggle[aria-expanded='true']").forEach(function (b) { b.click(); b.focus(); });
  });
  var current = document.querySelector(".sidebar [aria-current='page']");
  if (current && current.scrollIntoView) {
    var area = document.querySelector(".sidebar-area");
    if (area && area.scrollHeight > area.clientHeight) {
      var top = current.offsetTop - area.clientHeight / 3;
      if (top > 0) area.scrollTop = top;
    }
  }

  // ---- tabs: a WAI-ARIA tab bar over the tab-set markup; `:sync:` keys pick
  // the same tab in every set of the site, remembered across pages.
  var tabSerial = 0;
  var tabSets = [];
  function selectTab(set, index, focus) {
    set.buttons.forEach(function (b, i) {
      var on = i === index;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      if (on) set.items[i].removeAttribute("hidden"); else set.items[i].setAttribute("hidden", "");
      if (on && focus) b.focus();
    });
  }
  function selectSync(key) {
    tabSets.forEach(function (set) {
      set.items.forEach(function (item, i) { if (item.getAttribute("data-sync") === key) selectTab(set, i, false); });
    });
  }
  $all(".tab-set").forEach(function (el) {
    var items = $all(":scope > .tab-item", el);
    if (!items.length) return;
    var set = { el: el, items: items, buttons: [] };
    var bar = document.createElement("div");
    bar.className = "tab-list";
    bar.setAttribute("role", "tablist");
    var selected = 0;
    items.forEach(function (item, i) {
      var id = "bengal-tab-" + (++tabSerial);
      var label = item.querySelector(":scope > .tab-label");
      var b = document.createElement("button");
      b.type = "button";
      b.id = id;
      b.setAttribute("role", "tab");
      b.innerHTML = label ? label.innerHTML : "Tab " + (i + 1);
      item.id = item.id || id + "-panel";
      b.setAttribute("aria-controls", item.id);
      item.setAttribute("role", "tabpanel");
      item.setAttribute("aria-labelledby", id);
      item.tabIndex = 0;
      if (item.classList.contains("selected")) selected = i;
      b.addEventListener("click", function () {
        selectTab(set, i, false);
        var key = item.getAttribute("data-sync");
        if (key) { rememberSync(key); selectSync(key); }
      });
      b.addEventListener("keydown", function (e) {
        var n = items.length, k = -1;
        if (e.key === "ArrowRight") k = (i + 1) % n;
        else if (e.key === "ArrowLeft") k = (i + n - 1) % n;
        else if (e.key === "Home") k = 0;
        else if (e.key === "End") k = n - 1;
        if (k < 0) return;
        e.preventDefault();
        set.buttons[k].click();
        set.buttons[k].focus();
      });
      set.buttons.push(b);
      bar.appendChild(b);
    });
    el.insertBefore(bar, el.firstChild);
    el.classList.add("tabs-ready");
    tabSets.push(set);
    selectTab(set, selected, false);
  });
  // The last few keys chosen, oldest first, so "python" and "linux" can both stick.
  function recentSyncKeys() {
    try { var v = JSON.parse(storage.get("bengal-tab-sync") || "[]"); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  function rememberSync(key) {
    var keys = recentSyncKeys().filter(function (k) { return k !== key; });
    keys.push(key);
    storage.set("bengal-tab-sync", JSON.stringify(keys.slice(-8)));
  }
  if (tabSets.length) recentSyncKeys().forEach(selectSync);

  // ---- code blocks: a copy button.
  $all(".highlight").forEach(function (block) {
    var code = block.querySelector("td.code code") || block.querySelector("code");
    if (!code || !navigator.clipboard) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy-button";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy code to clipboard");
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(function () {
        b.textContent = "Copied";
        b.classList.add("copied");
        setTimeout(function () { b.textContent = "Copy"; b.classList.remove("copied"); }, 1600);
      });
    });
    block.appendChild(b);
  });

  // ---- headings: a link to each section of the text.
  $all(".prose h2[id], .prose h3[id], .prose h4[id]").forEach(function (h) {
    var a = document.createElement("a");
    a.className = "heading-anchor";
    a.href = "#" + h.id;
    a.setAttribute("aria-label", "Link to this section: " + h.textContent);
    a.textContent = "#";
    h.appendChild(a);
  });

  // ---- table of contents: mark the section being read.
  var tocLinks = $all(".toc-aside .toc-list a");
  if (tocLinks.length && window.IntersectionObserver) {
    var byId = {};
    var headings = [];
    tocLinks.forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = document.getElementById(id);
      if (h) { byId[id] = a; headings.push(h); }
    });
    var visible = {};
    var spy = function () {
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { active = headings[i].id; break; }
      }
      if (!active) {
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < 120) { active = headings[j].id; break; }
        }
      }
      tocLinks.forEach(function (a) { a.classList.remove("active"); });
      if (active && byId[active]) byId[active].classList.add("active");
    };
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      spy();
    }, { rootMargin: "-64px 0px -55% 0px" });
    headings.forEach(function (h) { io.observe(h); });
  }

  // ---- printing shows folded content.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = $all(".prose details:not([open])");
    opened.forEach(function (d) { d.setAttribute("open", ""); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });

  // ---- search ----------------------------------------------------------
  var dialog = document.getElementById("site-search");
  if (!dialog || typeof dialog.showModal !== "function") {
    $all("[data-search-open]").forEach(function (b) { b.hidden = true; });
    return;
  }
  var input = dialog.querySelector(".search-input");
  // The listbox is made here: an empty list in the page is invalid HTML.
  var list = document.createElement("ul");
  list.className = "search-results";
  list.id = "site-search-results";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  dialog.querySelector(".search-results-wrap").appendChild(list);
  var status = dialog.querySelector(".search-status");
  var base = dialog.getAttribute("data-base") || "/";
  var docs = null;      // the index, with lower-cased copies of searchable fields
  var loading = null;
  var results = [];
  var active = -1;
  var opener = null;

  function decode(s) {
    // The index's text may carry HTML entities; decode the common ones.
    return s.indexOf("&") < 0 ? s : s.replace(/&(quot|amp|lt|gt|#39|apos|nbsp);/g, function (m, e) {
      return { quot: "\"", amp: "&", lt: "<", gt: ">", "#39": "'", apos: "'", nbsp: " " }[e];
    });
  }
  function load() {
    if (loading) return loading;
    status.textContent = "Loading the search index…";
    loading = fetch(dialog.getAttribute("data-index"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        docs = data.map(function (d) {
          var headings = (d.headings || []).map(function (h) { return { id: h.id, text: decode(h.text || ""), lower: decode(h.text || "").toLowerCase() }; });
          var text = decode(d.text || "");
          return {
            title: decode(d.title || ""), url: d.url || "/", section: d.section || "", summary: decode(d.summary || ""),
            tags: d.tags || [], headings: headings, text: text,
            lt: decode(d.title || "").toLowerCase(), ltags: (d.tags || []).join(" ").toLowerCase(), ltext: text.toLowerCase()
          };
        });
        status.textContent = input.value ? "" : "Type to search " + docs.length + " pages.";
        if (input.value) run();
      })
      .catch(function () {
        loading = null;
        status.textContent = "The search index could not be loaded.";
      });
    return loading;
  }

  function href(url) {
    if (/^[a-z]+:/i.test(url)) return url;
    return base.replace(/\/$/, "") + (url.charAt(0) === "/" ? url : "/" + url);
  }
  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }
  function wordStart(hay, i) { return i === 0 || /[\s\-_.,;:!?()[\]/"'`]/.test(hay.charAt(i - 1)); }
  // Score: title > headings > tags > text; every term must match somewhere.
  function score(d, ts, phrase) {
    var total = 0, heading = null;
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i], s = 0, at;
      at = d.lt.indexOf(t);
      if (at >= 0) s += wordStart(d.lt, at) ? 100 : 60;
      for (var h = 0; h < d.headings.length; h++) {
        at = d.headings[h].lower.indexOf(t);
        if (at >= 0) {
          s += wordStart(d.headings[h].lower, at) ? 30 : 18;
          if (!heading) heading = d.headings[h];
          break;
        }
      }
      if (d.ltags.indexOf(t) >= 0) s += 15;
      at = d.ltext.indexOf(t);
      if (at >= 0) {
        s += 5;
        var more = d.ltext.indexOf(t, at + t.length);
        if (more >= 0) s += 2;
      }
      if (s === 0) return null;
      total += s;
    }
    if (ts.length > 1 && d.lt.indexOf(phrase) >= 0) total += 80;
    if (d.lt === phrase) total += 120;
    return { doc: d, score: total, heading: heading };
  }
  function snippet(d, ts) {
    var at = -1, len = 0;
    for (var i = 0; i < ts.length && at < 0; i++) { at = d.ltext.indexOf(ts[i]); len = ts[i].length; }
    var text = d.text;
    if (at < 0) return d.summary || text.slice(0, 160);
    var start = Math.max(0, at - 60), end = Math.min(text.length, at + len + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ").trim() + (end < text.length ? "…" : "");
  }
  function highlight(el, text, ts) {
    // Builds text nodes and <mark>s: result text is never parsed as HTML.
    var lower = text.toLowerCase(), pos = 0;
    while (pos < text.length) {
      var best = -1, blen = 0;
      for (var i = 0; i < ts.length; i++) {
        var at = lower.indexOf(ts[i], pos);
        if (at >= 0 && (best < 0 || at < best)) { best = at; blen = ts[i].length; }
      }
      if (best < 0) break;
      if (best > pos) el.appendChild(document.createTextNode(text.slice(pos, best)));
      var m = document.createElement("mark");
      m.textContent = text.slice(best, best + blen);
      el.appendChild(m);
      pos = best + blen;
    }
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }
  function setActive(i) {
    var items = list.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && items[i]) {
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function run() {
    var q = input.value.trim();
    list.textContent = "";
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!q) {
      input.setAttribute("aria-expanded", "false");
      status.textContent = docs ? "Type to search " + docs.length + " pages." : "";
      return;
    }
    if (!docs) { load(); return; }
    var ts = terms(q), phrase = ts.join(" ");
    for (var i = 0; i < docs.length; i++) {
      var r = score(docs[i], ts, phrase);
      if (r) { r.order = i; results.push(r); }
    }
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var total = results.length;
    results = results.slice(0, 20);
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "site-search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = href(r.doc.url) + (r.heading ? "#" + r.heading.id : "");
      a.tabIndex = -1;
      var t = document.createElement("span");
      t.className = "search-result-title";
      highlight(t, r.doc.title, ts);
      a.appendChild(t);
      var where = [r.doc.section, r.heading ? r.heading.text : ""].filter(Boolean).join(" › ");
      if (where) {
        var w = document.createElement("span");
        w.className = "search-result-where";
        w.textContent = where;
        a.appendChild(w);
      }
      var x = document.createElement("span");
      x.className = "search-result-text";
      highlight(x, snippet(r.doc, ts), ts);
      a.appendChild(x);
      li.appendChild(a);
      li.addEventListener("mousemove", function () { if (active !== i) setActive(i); });
      a.addEventListener("click", function () { dialog.close(); });
      list.appendChild(li);
    });
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    status.textContent = total === 0 ? "No pages match “" + q + "”." :
      total + (total === 1 ? " page matches." : " pages match.") + (total > results.length ? " Showing the best " + results.length + "." : "");
    if (results.length) setActive(0);
  }
  function open() {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    load();
  }
  dialog.addEventListener("close", function () {
    if (opener && opener.focus) opener.focus();
  });
  dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
  dialog.querySelector(".search-close").addEventListener("click", function () { dialog.close(); });
  var pending = 0;
  input.addEventListener("input", function () {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = 0; run(); });
  });
  input.addEventListener("keydown", function (e) {
    var n = list.children.length;
    // Escape closes at once (a search field would first clear itself).
    if (e.key === "Escape") { e.preventDefault(); dialog.close(); }
    else if (e.key === "ArrowDown" && n) { e.preventDefault(); setActive((active + 1) % n); }
    else if (e.key === "ArrowUp" && n) { e.preventDefault(); setActive((active + n - 1) % n); }
    else if (e.key === "Enter" && active >= 0 && list.children[active]) {
      e.preventDefault();
      var link = list.children[active].querySelector("a");
      dialog.close();
      if (e.ctrlKey || e.metaKey) window.open(link.href); else window.location.href = link.href;
    }
  });
  $all("[data-search-open]").forEach(function (b) { b.addEventListener("click", open); });
  document.addEventListener("keydown", function (e) {
    if (dialog.open) return;
    var el = e.target, typing = el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    if ((e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) || (e.key === "k" && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      open();
    }
  });
})();
