// vscmirror status page: reads /api/status and /api/extensions from this admin listener only (works offline).
"use strict";
(function () {
  var PAGE_SIZE = 10;
  var state = { q: "", page: 1 };

  function $(id) { return document.getElementById(id); }
  function text(id, value) { $(id).textContent = value; }
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = String(content); }
    return e;
  }
  function bytes(n) {
    if (n === null || n === undefined) { return "–"; }
    var units = ["B", "KiB", "MiB", "GiB", "TiB"], i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(n < 10 ? 2 : 1)) + " " + units[i];
  }
  function count(n) { return Number(n).toLocaleString("en"); }
  function duration(s) {
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return d > 0 ? d + "d " + h + "h " + m + "m" : h > 0 ? h + "h " + m + "m" : m + "m " + (s % 60) + "s";
  }
  function when(iso) { return iso ? iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC") : "–"; }
  function getJson(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }
  function showError(e) { var p = $("error"); p.textContent = String(e.message || e); p.hidden = false; }

  function renderStatus(s) {
    $("error").hidden = true;
    var mode = $("mode");
    mode.textContent = s.mode;
    mode.className = "badge " + s.mode;
    text("uptime", duration(s.uptimeSeconds));
    var ready = $("ready");
    var failing = s.readiness.filter(function (p) { return !p.ready; });
    ready.textContent = failing.length === 0 ? "ready" : "not ready: " + failing.map(function (p) {
      return p.detail ? p.name + " (" + p.detail + ")" : p.name;
    }).join(", ");
    ready.className = "ready " + (failing.length === 0 ? "ok" : "bad");
    text("store-bytes", bytes(s.store.blobBytes));
    text("store-exchanges", count(s.store.exchanges));
    text("cat-extensions", count(s.catalog.extensions));
    text("cat-versions", count(s.catalog.versions));
    text("cat-publishers", count(s.catalog.publishers));
    text("cat-builds", count(s.catalog.vscodeBuilds));
    renderCa(s.ca);
    renderRows("misses", s.misses, "No misses recorded.", function (m) {
      return [el("td", null, m.kind), el("td", "target", m.what), el("td", "num", count(m.count)),
        el("td", "time", when(m.lastSeen))];
    });
    renderRows("recent", s.recent, "No requests yet.", function (a) {
      return [el("td", "time", when(a.time)), el("td", "target", a.method + " " + (a.host || "") + a.target),
        el("td", "num", a.status), el("td", null, a.outcome), el("td", "num", bytes(a.bytes)),
        el("td", "num", a.millis)];
    });
  }

  function renderCa(ca) {
    var warning = $("ca-warning");
    if (!ca) {
      text("ca-subject", "not loaded"); text("ca-fingerprint", "–"); text("ca-expiry", "–");
      warning.hidden = true;
      return;
    }
    text("ca-subject", ca.subject);
    text("ca-fingerprint", ca.fingerprintSha256);
    text("ca-expiry", when(ca.notAfter) + " (" + ca.daysToExpiry + " days)");
    warning.hidden = !ca.expiringSoon;
    warning.textContent = ca.daysToExpiry < 0 ? "expired: clients will refuse the mirror"
      : "expires in under 90 days: plan a new CA";
  }

  function renderRows(id, items, emptyText, cells) {
    var body = $(id);
    body.textContent = "";
    if (!items || items.length === 0) {
      var tr = el("tr"), td = el("td", "muted", emptyText);
      td.colSpan = body.parentNode.querySelectorAll("th").length;
      tr.appendChild(td); body.appendChild(tr);
      return;
    }
    items.forEach(function (item) {
      var tr = el("tr");
      cells(item).forEach(function (c) { tr.appendChild(c); });
      body.appendChild(tr);
    });
  }

  function refreshStatus() {
    return getJson("/api/status").then(renderStatus).catch(showError);
  }

  function search(q, page) {
    state.q = q; state.page = page;
    var url = "/api/extensions?q=" + encodeURIComponent(q) + "&page=" + page + "&pageSize=" + PAGE_SIZE;
    return getJson(url).then(function (result) {
      var list = $("results");
      list.textContent = "";
      var first = (page - 1) * PAGE_SIZE;
      text("result-count", result.total === 0 ? "No extension matches" + (q ? " “" + q + "”." : ".")
        : "Extensions " + (first + 1) + "–" + (first + result.items.length) + " of " + count(result.total)
          + (q ? " matching “" + q + "”" : "") + ".");
      $("prev").hidden = page <= 1;
      $("next").hidden = first + result.items.length >= result.total;
      return Promise.all(result.items.map(function (item) { return renderExtension(list, item); }));
    }).catch(showError);
  }

  function renderExtension(list, item) {
    var li = el("li");
    li.setAttribute("data-id", item.id);
    var title = el("div");
    title.appendChild(el("span", "ext-title", item.displayName || item.name));
    title.appendChild(document.createTextNode(" "));
    title.appendChild(el("span", "ext-id", item.id + (item.latestVersion ? " " + item.latestVersion : "")));
    li.appendChild(title);
    if (item.description) { li.appendChild(el("p", "ext-desc", item.description)); }
    list.appendChild(li);
    return getJson(item.detailsUrl).then(function (details) {
      li.appendChild(versionTable(details));
    }).catch(function (e) { li.appendChild(el("p", "error", e.message)); });
  }

  function versionTable(details) {
    var wrap = el("div", "scroll"), table = el("table", "versions");
    var caption = el("caption", "visually-hidden", "Recorded versions of " + details.id);
    table.appendChild(caption);
    var head = el("tr");
    ["Version", "Platform", "Size", "VSIX"].forEach(function (h, i) {
      var th = el("th", i === 2 ? "num" : null, h); th.scope = "col"; head.appendChild(th);
    });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    details.versionList.forEach(function (v) {
      var tr = el("tr");
      tr.appendChild(el("td", null, v.version + (v.preRelease ? " (pre-release)" : "")));
      tr.appendChild(el("td", null, v.targetPlatform || "universal"));
      tr.appendChild(el("td", "num", v.vsixBytes === null ? "–" : bytes(v.vsixBytes)));
      var cell = el("td");
      if (v.download) {
        var a = el("a", "download", "Download");
        a.href = v.download;
        a.setAttribute("download", "");
        a.setAttribute("aria-label", "Download " + details.id + " " + v.version
          + (v.targetPlatform ? " for " + v.targetPlatform : "") + " VSIX");
        cell.appendChild(a);
      } else {
        cell.appendChild(el("span", "muted", "not recorded"));
      }
      tr.appendChild(cell);
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var params = new URLSearchParams(window.location.search);
    var q = params.get("q") || "";
    $("q").value = q;
    $("search").addEventListener("submit", function (e) {
      e.preventDefault();
      var value = $("q").value.trim();
      history.replaceState(null, "", value ? "?q=" + encodeURIComponent(value) : window.location.pathname);
      search(value, 1);
    });
    $("prev").addEventListener("click", function () { search(state.q, state.page - 1); });
    $("next").addEventListener("click", function () { search(state.q, state.page + 1); });
    Promise.all([refreshStatus(), search(q, Math.max(1, parseInt(params.get("page") || "1", 10) || 1))])
      .then(function () { document.body.setAttribute("data-loaded", "true"); });
    setInterval(refreshStatus, 10000);
  });
})();
