// Prognosis report: tables, treemap and detail view from the inline data. Every value from the
// repository reaches the page through textContent or setAttribute, never as markup.
(function () {
  "use strict";
  // Under `#selftest` every console error and uncaught exception is collected and fails the test.
  var consoleErrors = [];
  if (location.hash === "#selftest") {
    var original = console.error;
    console.error = function () { consoleErrors.push(Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); };
    window.addEventListener("error", function (event) { consoleErrors.push(String(event.message)); });
  }
  var data = JSON.parse(document.getElementById("prognosis-data").textContent);
  var details = {};
  data.details.forEach(function (d) { details[d.id] = d; });
  var PAGE = 50;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function color(risk) {
    var hue = Math.max(0, Math.min(120, 120 * (1 - Math.min(1, risk / Math.max(data.thresholds.error, 0.01)))));
    return "hsl(" + hue.toFixed(0) + ",62%," + (hue > 40 && hue < 80 ? 44 : 42) + "%)";
  }
  function pct(x) { return (100 * x).toFixed(0) + "%"; }
  function num(x) { return x === undefined || x === null ? "–" : (Math.round(x * 10) / 10).toString(); }
  function date(t) { return new Date(t * 1000).toISOString().slice(0, 10); }

  function reasonNodes(reasons, cell) {
    var max = 0;
    reasons.forEach(function (r) { max = Math.max(max, Math.abs(r.weight)); });
    reasons.slice(0, 3).forEach(function (r) {
      var line = el("div", { "class": "reason" });
      var bar = el("span", { "class": "bar " + (r.weight >= 0 ? "up" : "down") });
      bar.style.width = Math.max(3, Math.round(40 * Math.abs(r.weight) / (max || 1))) + "px";
      line.appendChild(bar);
      line.appendChild(document.createTextNode((r.weight >= 0 ? "+ " : "− ") + r.text));
      cell.appendChild(line);
    });
  }

  // Sortable, filterable, paginated tables (the first page is also in the HTML without JS).
  function Table(name, items, columns) {
    var table = document.getElementById(name), body = table.querySelector("tbody");
    var filter = document.getElementById(name + "-filter"), tests = document.getElementById(name + "-tests");
    var pages = document.getElementById(name + "-pages"), count = document.getElementById(name + "-count");
    var state = { key: "risk", desc: true, page: 0, rows: items };
    function value(item, key) {
      if (key === "risk") return item.risk;
      if (key === "name") return (item.name || "") + " " + item.path;
      if (key === "path") return item.path;
      var v = item.metrics[key];
      return v === undefined ? -Infinity : v;
    }
    function apply() {
      var text = filter.value.toLowerCase(), hide = tests.checked;
      state.rows = items.filter(function (item) {
        if (hide && item.isTest) return false;
        return !text || item.path.toLowerCase().indexOf(text) >= 0 || (item.name || "").toLowerCase().indexOf(text) >= 0;
      });
      var key = state.key, sign = state.desc ? -1 : 1;
      state.rows.sort(function (a, b) {
        var x = value(a, key), y = value(b, key);
        if (x < y) return -sign; if (x > y) return sign;
        return b.risk - a.risk;
      });
      render();
    }
    function render() {
      var last = Math.max(0, Math.ceil(state.rows.length / PAGE) - 1);
      state.page = Math.min(state.page, last);
      while (body.firstChild) body.removeChild(body.firstChild);
      state.rows.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (item) {
        var row = el("tr", { "data-id": item.id });
        var riskCell = el("td", { "class": "num" });
        var badge = el("span", { "class": "risk" }, pct(item.risk));
        badge.style.background = color(item.risk);
        riskCell.appendChild(badge);
        riskCell.appendChild(el("div", { "class": "band" }, pct(item.low) + "–" + pct(item.high)));
        row.appendChild(riskCell);
        var what = el("td");
        var link = el("a", { "href": "#item=" + encodeURIComponent(item.id), "class": "open", "data-id": item.id }, item.name || item.path);
        what.appendChild(link);
        if (item.name) what.appendChild(el("div", { "class": "path" }, item.path + ":" + item.startLine));
        row.appendChild(what);
        var reasons = el("td");
        reasonNodes(item.reasons, reasons);
        row.appendChild(reasons);
        columns.forEach(function (key) { row.appendChild(el("td", { "class": "num" }, num(item.metrics[key]))); });
        body.appendChild(row);
      });
      count.textContent = state.rows.length + " of " + items.length + (name === "functions" ? " functions" : " files");
      while (pages.firstChild) pages.removeChild(pages.firstChild);
      var previous = el("button", { "type": "button" }, "‹ previous"), next = el("button", { "type": "button" }, "next ›");
      previous.disabled = state.page === 0; next.disabled = state.page >= last;
      previous.onclick = function () { state.page--; render(); };
      next.onclick = function () { state.page++; render(); };
      pages.appendChild(previous);
      pages.appendChild(el("span", { "class": "hint" }, "page " + (state.page + 1) + " of " + (last + 1)));
      pages.appendChild(next);
    }
    table.querySelectorAll("th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        state.desc = state.key === key ? !state.desc : key !== "name" && key !== "path";
        state.key = key;
        table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(state.desc ? "sorted-desc" : "sorted-asc");
        state.page = 0;
        apply();
      });
    });
    filter.addEventListener("input", function () { state.page = 0; apply(); });
    tests.addEventListener("change", function () { state.page = 0; apply(); });
    apply();
    return { state: state };
  }

  var byID = {};
  data.functions.concat(data.files).forEach(function (item) { byID[item.id] = item; });

  function openDetail(id) {
    var item = byID[id], detail = details[id], panel = document.getElementById("detail");
    if (!item) return;
    panel.hidden = false;
    document.getElementById("detail-title").textContent = item.name ? item.name + " — " + item.path + ":" + item.startLine : item.path;
    document.getElementById("detail-risk").textContent = "Risk " + pct(item.risk) + " (80% band " + pct(item.low) + "–" + pct(item.high) + ")";
    var reasons = document.getElementById("detail-reasons");
    while (reasons.firstChild) reasons.removeChild(reasons.firstChild);
    reasonNodes(item.reasons, reasons);
    var metrics = document.getElementById("detail-metrics");
    while (metrics.firstChild) metrics.removeChild(metrics.firstChild);
    Object.keys(item.metrics).sort().forEach(function (key) {
      var row = el("tr");
      row.appendChild(el("td", null, key.replace(/_/g, " ")));
      row.appendChild(el("td", { "class": "num" }, num(item.metrics[key])));
      metrics.appendChild(row);
    });
    var story = document.getElementById("detail-story"), source = document.getElementById("detail-source");
    while (story.firstChild) story.removeChild(story.firstChild);
    while (source.firstChild) source.removeChild(source.firstChild);
    var authors = document.getElementById("detail-authors");
    if (!detail) {
      authors.textContent = "Only the riskiest rows carry their source and story in this report.";
    } else {
      authors.textContent = detail.authors.length ? "Authors: " + detail.authors.join(", ") : "No recorded changes.";
      detail.story.forEach(function (event) {
        var li = el("li");
        li.appendChild(el("span", { "class": "kind " + event.kind }, event.kind));
        li.appendChild(el("code", null, event.sha.slice(0, 10)));
        li.appendChild(document.createTextNode(" " + date(event.time) + " " + event.author + ": " + event.subject));
        story.appendChild(li);
      });
      var fixed = {};
      detail.fixedLines.forEach(function (n) { fixed[n] = true; });
      detail.lines.forEach(function (text, offset) {
        var n = detail.firstLine + offset;
        var line = el("span", { "class": "ln" + (fixed[n] ? " fixed" : "") });
        line.appendChild(el("span", { "class": "no" }, n));
        line.appendChild(document.createTextNode(text));
        source.appendChild(line);
      });
      if (detail.truncated) source.appendChild(el("span", { "class": "ln" }, "…"));
    }
    // The fix rules' findings inside this function (or file).
    var found = document.getElementById("detail-findings");
    while (found.firstChild) found.removeChild(found.firstChild);
    var here = (data.findings || []).filter(function (f) {
      return f.path === item.path && (!item.startLine || (f.line >= item.startLine && f.line <= (item.endLine || item.startLine)));
    });
    if (!here.length) found.textContent = "No rule findings for this code.";
    here.forEach(function (f) {
      var line = el("span", { "class": "finding-row" });
      line.appendChild(el("span", { "class": "tag finding" }, f.ruleID.replace("prognosis/rule/", "")));
      line.appendChild(document.createTextNode(" line " + f.line + ": " + f.message));
      found.appendChild(line);
      found.appendChild(el("br"));
    });
    panel.scrollTop = 0;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.open") : null;
    if (link) { event.preventDefault(); openDetail(link.getAttribute("data-id")); history.replaceState(null, "", link.getAttribute("href") || "#detail"); }
  });
  document.getElementById("detail-close").onclick = function () { document.getElementById("detail").hidden = true; };
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") document.getElementById("detail").hidden = true; });

  // Treemap: squarified layout of the current folder's children; small ones are grouped.
  var root = { name: "", path: "", children: {}, lines: 0, weighted: 0 };
  data.files.forEach(function (file) {
    var lines = Math.max(1, file.metrics.lines || 1), node = root, parts = file.path.split("/");
    node.lines += lines; node.weighted += lines * file.risk;
    parts.forEach(function (part, i) {
      var leaf = i === parts.length - 1;
      if (!node.children[part]) node.children[part] = { name: part, path: parts.slice(0, i + 1).join("/"), children: leaf ? null : {}, lines: 0, weighted: 0, file: leaf ? file : null };
      node = node.children[part];
      node.lines += lines; node.weighted += lines * file.risk;
    });
  });
  function squarify(items, x, y, w, h, out) {
    if (!items.length) return;
    var total = items.reduce(function (s, it) { return s + it.area; }, 0);
    if (items.length === 1 || w <= 0 || h <= 0) { items.forEach(function (it) { out.push({ item: it, x: x, y: y, w: w, h: h }); }); return; }
    var short = Math.min(w, h), row = [], sum = 0, best = Infinity, i = 0;
    for (; i < items.length; i++) {
      var s = sum + items[i].area, side = s / total * (w >= h ? w : h);
      var length = s / total * w * h / short, worst = 0;
      row.concat([items[i]]).forEach(function (it) {
        var a = it.area / total * w * h, len = a / length; var r = Math.max(length / len, len / length); worst = Math.max(worst, r);
      });
      if (worst > best) break;
      best = worst; row.push(items[i]); sum = s;
    }
    var share = sum / total, offset = 0;
    if (w >= h) {
      var rw = w * share;
      row.forEach(function (it) { var hh = h * it.area / sum; out.push({ item: it, x: x, y: y + offset, w: rw, h: hh }); offset += hh; });
      squarify(items.slice(row.length), x + rw, y, w - rw, h, out);
    } else {
      var rh = h * share;
      row.forEach(function (it) { var ww = w * it.area / sum; out.push({ item: it, x: x + offset, y: y, w: ww, h: rh }); offset += ww; });
      squarify(items.slice(row.length), x, y + rh, w, h - rh, out);
    }
  }
  var current = root;
  function drawTreemap() {
    var host = document.getElementById("treemap");
    while (host.firstChild) host.removeChild(host.firstChild);
    // Laid out at the element's own width, so the squares stay square on any screen.
    var W = Math.max(320, Math.round(host.clientWidth || 1000)), H = 440;
    var canvas = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "aria-label": "treemap of " + (current.path || "the repository") });
    // Two levels: the current folder's children, and inside each large folder its own children.
    function itemsOf(node) {
      var children = Object.keys(node.children || {}).map(function (k) { return node.children[k]; });
      children.sort(function (a, b) { return b.lines - a.lines; });
      var small = children.filter(function (c) { return c.lines < node.lines * 0.004; });
      var items = children.filter(function (c) { return c.lines >= node.lines * 0.004; }).map(function (c) { return { node: c, area: c.lines }; });
      if (small.length) {
        var lines = small.reduce(function (s, c) { return s + c.lines; }, 0), weighted = small.reduce(function (s, c) { return s + c.weighted; }, 0);
        items.push({ node: { name: small.length + " small", path: node.path, lines: lines, weighted: weighted, children: null, group: true }, area: lines });
      }
      return items;
    }
    function draw(node, cell, parent, labelled) {
      var risk = node.weighted / Math.max(1, node.lines);
      var g = svg("g", { "class": node.children ? "folder" : "file" });
      var rect = svg("rect", { x: cell.x.toFixed(1), y: cell.y.toFixed(1), width: Math.max(0, cell.w).toFixed(1), height: Math.max(0, cell.h).toFixed(1), fill: color(risk) });
      var title = svg("title");
      title.textContent = (node.group ? node.name + " files in " + (node.path || "/") : node.path + (node.children ? "/" : "")) + " — " + node.lines + " lines, risk " + pct(risk);
      rect.appendChild(title);
      g.appendChild(rect);
      if (labelled && cell.w > 40 && cell.h > 14) {
        var label = svg("text", { x: (cell.x + 4).toFixed(1), y: (cell.y + 12).toFixed(1) });
        var text = node.name + (node.children ? "/" : "");
        label.textContent = text.length * 6.5 > cell.w - 8 ? text.slice(0, Math.max(1, Math.floor((cell.w - 8) / 6.5) - 1)) + "…" : text;
        g.appendChild(label);
      }
      if (node.children) g.addEventListener("click", function (event) { event.stopPropagation(); current = node; drawTreemap(); });
      else if (node.file) g.addEventListener("click", function (event) { event.stopPropagation(); openDetail(node.file.id); });
      parent.appendChild(g);
      if (node.children && labelled && cell.w > 60 && cell.h > 44) {
        var inner = [];
        squarify(itemsOf(node), cell.x + 2, cell.y + 16, cell.w - 4, cell.h - 18, inner);
        inner.forEach(function (c) { draw(c.item.node, c, g, c.w > 70 && c.h > 18); });
      }
    }
    var cells = [];
    squarify(itemsOf(current), 0, 0, W, H, cells);
    cells.forEach(function (cell) { draw(cell.item.node, cell, canvas, true); });
    host.appendChild(canvas);
    var crumbs = document.getElementById("crumbs");
    while (crumbs.firstChild) crumbs.removeChild(crumbs.firstChild);
    var trail = [], node = root;
    trail.push(node);
    (current.path ? current.path.split("/") : []).forEach(function (part) { node = node.children[part]; trail.push(node); });
    trail.forEach(function (step, i) {
      var a = el("a", null, i === 0 ? data.repository : step.name);
      a.addEventListener("click", function () { current = step; drawTreemap(); });
      crumbs.appendChild(a);
      if (i < trail.length - 1) crumbs.appendChild(document.createTextNode(" / "));
    });
  }

  var functions = Table("functions", data.functions, ["lines", "cyclomatic", "cognitive", "changes", "fixes"]);
  var files = Table("files", data.files, ["code_lines", "cyclomatic_total", "fan_in", "changes", "fixes"]);
  drawTreemap();
  var resizeTimer = null;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTreemap, 150); });
  // When the page became interactive (milliseconds since navigation): the benchmark reads it.
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));

  // A shared link to a row (`#item=<id>`) opens its detail view.
  if (location.hash.indexOf("#item=") === 0) openDetail(decodeURIComponent(location.hash.slice(6)));

  // `#selftest`: the browser test's check that sorting, the detail view and zooming work.
  if (location.hash === "#selftest") {
    var problems = [];
    try {
      var header = document.querySelector("#functions th[data-key='risk']");
      header.click();
      var rows = functions.state.rows;
      if (rows.length > 1 && rows[0].risk > rows[rows.length - 1].risk) problems.push("ascending sort failed");
      var shown = document.querySelectorAll("#functions tbody tr");
      if (rows.length && shown.length === 0) problems.push("no rows after sorting");
      header.click();
      if (functions.state.rows.length > 1 && functions.state.rows[0].risk < functions.state.rows[1].risk) problems.push("descending sort failed");
      var link = document.querySelector("#functions tbody a.open");
      if (link) {
        link.click();
        if (document.getElementById("detail").hidden) problems.push("the detail view did not open");
        if (details[link.getAttribute("data-id")] && !document.querySelector("#detail-source .ln")) problems.push("the detail view shows no source");
      }
      var folder = document.querySelector("#treemap g.folder");
      if (folder) { folder.dispatchEvent(new MouseEvent("click", { bubbles: true })); if (current === root) problems.push("treemap zoom failed"); }
      var byPath = document.querySelector("#files th[data-key='path']");
      byPath.click();
      var paths = files.state.rows.map(function (row) { return row.path; });
      for (var i = 1; i < paths.length; i++) if (paths[i - 1] > paths[i]) { problems.push("files did not sort by path"); break; }
      var filter = document.getElementById("files-filter");
      if (paths.length) {
        filter.value = paths[paths.length - 1];
        filter.dispatchEvent(new Event("input"));
        if (!files.state.rows.length || files.state.rows.some(function (row) { return row.path.toLowerCase().indexOf(filter.value.toLowerCase()) < 0; })) problems.push("the filter failed");
      }
    } catch (e) { problems.push("exception: " + e); }
    consoleErrors.forEach(function (message) { problems.push("console error: " + message); });
    document.body.setAttribute("data-selftest", problems.length ? "fail: " + problems.join("; ") : "pass");
  }
})();
