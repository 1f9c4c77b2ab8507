/**
 * The charts' part of the page script: hover (or arrow keys) shows the nearest point's time and
 * value in a tooltip; dragging across a chart, the zoom buttons or +/- zoom into a time range, and
 * "Reset zoom" (or 0) goes back to the whole window. It redraws the SVG from the data attributes
 * line-chart.ts writes, with the same geometry and class names as the server-side drawing, so the
 * page without script shows the same chart, only fixed. Text from the data (event labels) is only
 * ever set through textContent.
 */
export const CHART_SCRIPT = `
(function () {
  var NS = "http://www.w3.org/2000/svg", W = 720, H = 240, L = 64, R = 16, T = 16, B = 32;
  function fmtTime(t) { return new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC"; }
  function fmtValue(v) {
    if (!isFinite(v)) return String(v);
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
    if (Math.round(v) === v) return String(v);
    return String(Number(v.toPrecision(4)));
  }
  function parse(attr, n) {
    if (!attr) return [];
    return attr.split(" ").map(function (s) { var p = s.split(","); return n === 3 ? { t: +p[0], v: +p[1], r: p[2] } : { t: +p[0], v: +p[1] }; });
  }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) { var ti = document.createElementNS(NS, "title"); ti.textContent = text; e.appendChild(ti); }
    return e;
  }
  function round(x) { return Math.round(x * 10) / 10; }
  Array.prototype.forEach.call(document.querySelectorAll("svg.chart[data-series]"), function (svg) {
    var figure = svg.closest("figure");
    var all = parse(svg.getAttribute("data-series"), 2);
    if (all.length === 0) return;
    var marks = parse(svg.getAttribute("data-marks"), 3);
    var min = svg.hasAttribute("data-min") ? +svg.getAttribute("data-min") : undefined;
    var max = svg.hasAttribute("data-max") ? +svg.getAttribute("data-max") : undefined;
    var events = [];
    try { events = JSON.parse(svg.getAttribute("data-events") || "[]"); } catch (e) { events = []; }
    var full = [all[0].t, all[all.length - 1].t], view = full.slice(), shown = all, hover = -1, geo;
    var tip = document.createElement("div");
    tip.className = "tip"; tip.id = svg.id + "-tip"; tip.setAttribute("role", "status"); tip.hidden = true;
    figure.appendChild(tip);
    var tools = document.createElement("div");
    tools.className = "chart-tools";
    [["Zoom in", function () { zoomBy(0.5); }], ["Zoom out", function () { zoomBy(2); }], ["Reset zoom", function () { setView(full[0], full[1]); }]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button"; button.textContent = b[0];
      button.setAttribute("aria-controls", svg.id);
      button.addEventListener("click", b[1]);
      tools.appendChild(button);
    });
    var range = document.createElement("span");
    range.className = "muted range";
    tools.appendChild(range);
    svg.parentNode.insertBefore(tools, svg);

    function draw() {
      shown = all.filter(function (p) { return p.t >= view[0] && p.t <= view[1]; });
      if (shown.length === 0) shown = [all[0]];
      var vals = shown.map(function (p) { return p.v; });
      if (min !== undefined) vals.push(min);
      if (max !== undefined) vals.push(max);
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      var pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
      lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad; hi += pad;
      var t0 = view[0], t1 = view[1];
      var x = function (t) { return round(t1 === t0 ? L + (W - L - R) / 2 : L + ((t - t0) / (t1 - t0)) * (W - L - R)); };
      var y = function (v) { return round(T + (1 - (v - lo) / (hi - lo)) * (H - T - B)); };
      geo = { x: x, y: y, t0: t0, t1: t1 };
      Array.prototype.slice.call(svg.childNodes).forEach(function (c) { if (c.nodeName !== "title" && c.nodeName !== "desc") svg.removeChild(c); });
      for (var i = 0; i <= 4; i++) {
        var v = lo + ((hi - lo) * i) / 4;
        svg.appendChild(el("line", { "class": "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
        var tick = el("text", { "class": "tick", x: L - 6, y: y(v) + 4, "text-anchor": "end" }); tick.textContent = fmtValue(Number(v.toPrecision(3))); svg.appendChild(tick);
      }
      var short = t1 - t0 < 2 * 86400000;
      [t0, t0 + (t1 - t0) / 2, t1].forEach(function (t, k) {
        var tx = el("text", { "class": "tick", x: x(t), y: H - 10, "text-anchor": ["start", "middle", "end"][k] });
        tx.textContent = short ? fmtTime(t).slice(5, 16) : fmtTime(t).slice(0, 10); svg.appendChild(tx);
      });
      [["min", min], ["max", max]].forEach(function (b) {
        if (b[1] === undefined) return;
        svg.appendChild(el("line", { "class": "threshold", "data-bound": b[0], x1: L, x2: W - R, y1: y(b[1]), y2: y(b[1]) }, b[0] + " threshold " + fmtValue(b[1])));
        var lab = el("text", { "class": "threshold-label", x: L + 6, y: y(b[1]) + (b[0] === "min" ? 14 : -6) }); lab.textContent = b[0] + " " + fmtValue(b[1]); svg.appendChild(lab);
      });
      events.forEach(function (e) {
        // an event after the last point (the run's own actions) is drawn at the right edge when the view reaches it
        var et = e[0] > full[1] ? full[1] : e[0];
        if (et < t0 || et > t1) return;
        svg.appendChild(el("line", { "class": "event event-" + e[1], x1: x(et), x2: x(et), y1: T, y2: H - B }, fmtTime(e[0]) + ": " + e[2]));
      });
      svg.appendChild(el("polyline", { "class": "series", points: shown.map(function (p) { return x(p.t) + "," + y(p.v); }).join(" ") }));
      marks.forEach(function (m) {
        if (m.t < t0 || m.t > t1) return;
        svg.appendChild(el("circle", { "class": "marker " + (m.r === "b" ? "breach" : "anomaly"), cx: x(m.t), cy: y(m.v), r: 3.5 }, (m.r === "b" ? "outside threshold" : "anomalous") + ": " + fmtValue(m.v) + " at " + fmtTime(m.t)));
      });
      svg.setAttribute("data-view", t0 + "," + t1);
      range.textContent = view[0] === full[0] && view[1] === full[1] ? "whole window" : "showing " + fmtTime(t0) + " to " + fmtTime(t1);
      hover = -1; tip.hidden = true;
    }
    function setView(a, b) {
      a = Math.max(full[0], a); b = Math.min(full[1], b);
      if (b - a < 1) return;
      view = [a, b]; draw();
    }
    function zoomBy(f) {
      var c = hover >= 0 ? shown[hover].t : (view[0] + view[1]) / 2;
      var w = (view[1] - view[0]) * f;
      if (f < 1 && shown.length <= 4) return;
      var a = c - w / 2, b = c + w / 2;
      if (a < full[0]) { b += full[0] - a; a = full[0]; }
      if (b > full[1]) { a -= b - full[1]; b = full[1]; }
      setView(a, b);
    }
    function toViewX(clientX) { var r = svg.getBoundingClientRect(); return ((clientX - r.left) / r.width) * W; }
    function timeAt(vx) { return geo.t0 + ((vx - L) / (W - L - R)) * (geo.t1 - geo.t0); }
    function show(i) {
      if (i < 0 || i >= shown.length) return;
      hover = i;
      var p = shown[i];
      var dot = svg.querySelector("circle.hover");
      if (!dot) { dot = el("circle", { "class": "hover", r: 4.5 }); svg.appendChild(dot); }
      dot.setAttribute("cx", geo.x(p.t)); dot.setAttribute("cy", geo.y(p.v));
      tip.textContent = fmtTime(p.t) + " \\u00b7 " + (svg.getAttribute("data-metric") || "") + " " + fmtValue(p.v);
      tip.hidden = false;
      var r = svg.getBoundingClientRect(), f = figure.getBoundingClientRect();
      var left = r.left - f.left + (geo.x(p.t) / W) * r.width, top = r.top - f.top + (geo.y(p.v) / H) * r.height;
      tip.style.left = Math.max(0, Math.min(left + 12, f.width - tip.offsetWidth - 4)) + "px";
      tip.style.top = Math.max(0, top - tip.offsetHeight - 8) + "px";
    }
    function nearest(t) {
      var best = 0;
      for (var i = 1; i < shown.length; i++) if (Math.abs(shown[i].t - t) < Math.abs(shown[best].t - t)) best = i;
      return best;
    }
    var dragFrom = null;
    svg.addEventListener("mousedown", function (e) { dragFrom = toViewX(e.clientX); e.preventDefault(); });
    svg.addEventListener("mousemove", function (e) {
      var vx = toViewX(e.clientX);
      if (dragFrom !== null) {
        var brush = svg.querySelector("rect.brush");
        if (!brush) { brush = el("rect", { "class": "brush", y: T, height: H - T - B }); svg.appendChild(brush); }
        brush.setAttribute("x", Math.min(dragFrom, vx)); brush.setAttribute("width", Math.abs(vx - dragFrom));
      }
      show(nearest(timeAt(vx)));
    });
    function endDrag(e) {
      if (dragFrom === null) return;
      var vx = toViewX(e.clientX), from = dragFrom;
      dragFrom = null;
      var brush = svg.querySelector("rect.brush");
      if (brush) svg.removeChild(brush);
      if (Math.abs(vx - from) > 6) setView(timeAt(Math.min(from, vx)), timeAt(Math.max(from, vx)));
    }
    svg.addEventListener("mouseup", endDrag);
    svg.addEventListener("mouseleave", function (e) { endDrag(e); tip.hidden = true; var d = svg.querySelector("circle.hover"); if (d) svg.removeChild(d); });
    svg.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") { show(hover < 0 ? shown.length - 1 : Math.max(0, Math.min(shown.length - 1, hover + (e.key === "ArrowRight" ? 1 : -1)))); e.preventDefault(); }
      else if (e.key === "+" || e.key === "=") { zoomBy(0.5); e.preventDefault(); }
      else if (e.key === "-") { zoomBy(2); e.preventDefault(); }
      else if (e.key === "0") { setView(full[0], full[1]); e.preventDefault(); }
      else if (e.key === "Escape") { tip.hidden = true; }
    });
    svg.addEventListener("blur", function () { tip.hidden = true; });
    draw();
  });
})();
`;
