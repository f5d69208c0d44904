/* eventwire dashboard: filters in the address bar, charts drawn as SVG from the JSON API.
   No library and no network beyond this server. Text from the database only ever goes into
   textContent or attributes, never into HTML. */
"use strict";
(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const QC = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const FIELDS = ["source", "target", "dyad", "code", "plover", "place", "since", "until", "text"];
  const PER_PAGE = 25;
  const form = document.getElementById("filters");
  const state = { page: 1 };
  let world = null;

  // ------------------------------------------------------------------ DOM helpers
  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
  }
  function add(node, kids) {
    for (const k of kids.flat()) {
      if (k === null || k === undefined) continue;
      node.appendChild(typeof k === "object" ? k : document.createTextNode(String(k)));
    }
    return node;
  }
  const el = (tag, attrs, ...kids) => { const n = document.createElement(tag); setAttrs(n, attrs); return add(n, kids); };
  const sv = (tag, attrs, ...kids) => { const n = document.createElementNS(SVGNS, tag); setAttrs(n, attrs); return add(n, kids); };
  const tip = (node, text) => { node.appendChild(sv("title", { text })); return node; };
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);
  const round = (x, d = 1) => (x === null || x === undefined ? "-" : Number(x).toFixed(d));

  function tone(goldstein) {
    if (goldstein === null || goldstein === undefined) return "#8a8f98";
    if (goldstein <= -1) return "#c8453a";
    if (goldstein >= 1) return "#2f6db5";
    return "#8a8f98";
  }

  // ------------------------------------------------------------------ filters <-> address bar
  function filterParams() {
    const p = new URLSearchParams();
    const fd = new FormData(form);
    for (const a of String(fd.get("actor") || "").split(/[,;\s]+/)) if (a) p.append("actor", a);
    for (const name of FIELDS) {
      const v = String(fd.get(name) || "").trim();
      if (v) p.set(name, v);
    }
    for (const q of fd.getAll("quad_class")) p.append("quad_class", String(q));
    return p;
  }
  function period() { return form.elements.period.value; }

  function fillForm() {
    const p = new URLSearchParams(location.search);
    form.elements.actor.value = p.getAll("actor").join(", ");
    for (const name of FIELDS) form.elements[name].value = p.get(name) || "";
    const qcs = p.getAll("quad_class");
    for (const box of form.querySelectorAll("input[name=quad_class]")) box.checked = qcs.includes(box.value);
    form.elements.period.value = ["day", "week", "month"].includes(p.get("period")) ? p.get("period") : "week";
    state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  }

  function writeAddress(push) {
    const p = filterParams();
    if (period() !== "week") p.set("period", period());
    if (state.page > 1) p.set("page", String(state.page));
    const url = p.toString() ? "?" + p : location.pathname;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  // ------------------------------------------------------------------ API
  async function api(path, params) {
    const res = await fetch("/api/" + path + "?" + params.toString(), { headers: { Accept: "application/json" } });
    let body;
    try { body = await res.json(); } catch (e) { throw new Error(path + ": " + res.status + " " + res.statusText); }
    if (!res.ok) throw new Error(body.message || res.statusText);
    return body;
  }
  async function all(path, params, maxPages) {
    const items = [];
    for (let page = 1; ; page += 1) {
      const q = new URLSearchParams(params);
      q.set("page", String(page));
      q.set("per_page", "500");
      const body = await api(path, q);
      items.push(...body.items);
      if (page >= body.pages || page >= (maxPages || 20)) return items;
    }
  }
  function showError(message) {
    const box = document.getElementById("error");
    box.hidden = !message;
    box.textContent = message || "";
  }

  // ------------------------------------------------------------------ timeline
  const DAY_MS = 864e5;
  function periodEnd(start) {
    const d = new Date(start + "T00:00:00Z");
    if (period() === "week") d.setUTCDate(d.getUTCDate() + 6);
    else if (period() === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }
  function periodIndex(iso, t0) {
    const d = new Date(iso + "T00:00:00Z");
    if (period() === "month") {
      const s = new Date(t0);
      return (d.getUTCFullYear() - s.getUTCFullYear()) * 12 + d.getUTCMonth() - s.getUTCMonth();
    }
    return Math.round((d.getTime() - t0) / (period() === "week" ? 7 * DAY_MS : DAY_MS));
  }

  async function drawTimeline(filters) {
    const q = new URLSearchParams(filters);
    q.set("period", period());
    q.set("by", "quad_class");
    const rows = await all("series", q);
    const box = document.getElementById("timeline");
    box.replaceChildren();
    if (!rows.length) { box.append(el("p", { class: "empty", text: "No events match these filters." })); return; }
    const per = new Map();
    for (const r of rows) {
      if (!per.has(r.period)) per.set(r.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
      per.get(r.period)[r.key] = r.events;
    }
    const periods = [...per.keys()].sort();
    const t0 = Date.parse(periods[0] + "T00:00:00Z");
    const n = periodIndex(periods[periods.length - 1], t0) + 1;
    const W = 960, H = 190, L = 36, R = 8, T = 10, B = 22;
    const slot = (W - L - R) / n;
    const bw = Math.min(48, slot);
    const totals = periods.map((p) => per.get(p)[1] + per.get(p)[2] + per.get(p)[3] + per.get(p)[4]);
    const max = Math.max(...totals);
    const y = (v) => H - B - (v / max) * (H - B - T);
    const svg = sv("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
      "aria-label": `events per ${period()} by QuadClass` });
    svg.append(sv("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
    for (const v of [0, Math.ceil(max / 2), max]) {
      svg.append(sv("text", { x: L - 4, y: y(v) + 4, class: "tick", "text-anchor": "end", text: v }));
    }
    periods.forEach((p, i) => {
      const x = L + periodIndex(p, t0) * slot + (slot - bw) / 2;
      const g = sv("g", { class: "bar", "data-period": p, tabindex: 0,
        onclick: () => zoom(p), onkeydown: (e) => { if (e.key === "Enter") zoom(p); } });
      let acc = 0;
      for (const qc of [1, 2, 3, 4]) {
        const v = per.get(p)[qc];
        if (!v) continue;
        g.append(sv("rect", { x: x.toFixed(2), y: y(acc + v).toFixed(2), width: Math.max(1.5, bw * 0.85).toFixed(2),
          height: (y(acc) - y(acc + v)).toFixed(2), class: "qc" + qc }));
        acc += v;
      }
      const parts = [1, 2, 3, 4].filter((qc) => per.get(p)[qc]).map((qc) => `${QC[qc]} ${per.get(p)[qc]}`);
      tip(g, `${p} to ${periodEnd(p)}: ${totals[i]} events (${parts.join(", ")})`);
      svg.append(g);
    });
    const labels = new Set([periods[0], periods[periods.length - 1]]);
    const years = [...new Set(periods.map((p) => p.slice(0, 4)))];
    if (years.length > 2) for (const yr of years) labels.add(periods.find((p) => p.startsWith(yr)));
    let lastX = -1e9;
    for (const p of [...labels].sort()) {
      const x = L + periodIndex(p, t0) * slot + (slot - bw) / 2;
      if (x - lastX < 70) continue;
      lastX = x;
      svg.append(sv("text", { x: Math.min(x, W - 70), y: H - 6, class: "tick", text: years.length > 2 && p !== periods[0] ? p.slice(0, 4) : p }));
    }
    box.append(svg);
  }

  function zoom(p) {
    form.elements.since.value = p;
    form.elements.until.value = periodEnd(p);
    if (period() === "month") form.elements.period.value = "week";
    else if (period() === "week") form.elements.period.value = "day";
    state.page = 1;
    refresh(true);
  }

  // ------------------------------------------------------------------ network
  async function drawNetwork(filters) {
    const q = new URLSearchParams(filters);
    q.set("per_page", "80");
    const edges = (await api("dyads", q)).items.filter((e) => e.source !== e.target);
    const box = document.getElementById("network");
    box.replaceChildren();
    if (!edges.length) { box.append(el("p", { class: "empty", text: "No dyads with a source and a target match." })); return; }
    const weight = new Map();
    for (const e of edges) for (const a of [e.source, e.target]) weight.set(a, (weight.get(a) || 0) + e.events);
    const nodes = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 22).map((x) => x[0]);
    const keep = new Set(nodes);
    const shown = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    const W = 460, H = 400, cx = W / 2, cy = H / 2, rad = 150;
    const pos = new Map(nodes.map((a, i) => {
      const ang = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      return [a, [cx + rad * Math.cos(ang), cy + rad * Math.sin(ang)]];
    }));
    const maxW = Math.max(...nodes.map((a) => weight.get(a)));
    const maxE = Math.max(...shown.map((e) => e.events), 1);
    const nodeR = (a) => 5 + 11 * Math.sqrt(weight.get(a) / maxW);
    const svg = sv("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actor network" });
    const defs = sv("defs", {});
    for (const [name, color] of [["red", "#c8453a"], ["blue", "#2f6db5"], ["grey", "#8a8f98"]]) {
      defs.append(sv("marker", { id: "arrow-" + name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9,
        markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, sv("path", { d: "M0,0 L10,5 L0,10 z", fill: color })));
    }
    svg.append(defs);
    const pairs = new Set(shown.map((e) => e.source + ">" + e.target));
    for (const e of shown) {
      const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
      const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
      const bend = !e.reciprocal && pairs.has(e.target + ">" + e.source) ? 18 : 0;
      const mx = (x1 + x2) / 2 - (dy / len) * bend, my = (y1 + y2) / 2 + (dx / len) * bend;
      const r2 = nodeR(e.target) + 2, r1 = nodeR(e.source);
      const ex = x2 - ((x2 - mx) / Math.hypot(x2 - mx, y2 - my)) * r2, ey = y2 - ((y2 - my) / Math.hypot(x2 - mx, y2 - my)) * r2;
      const sx = x1 + ((mx - x1) / Math.hypot(mx - x1, my - y1)) * r1, sy = y1 + ((my - y1) / Math.hypot(mx - x1, my - y1)) * r1;
      const color = tone(e.goldstein_mean);
      const name = color === "#c8453a" ? "red" : color === "#2f6db5" ? "blue" : "grey";
      const path = sv("path", { d: `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        class: "edge", stroke: color, "stroke-width": (1 + 6 * Math.sqrt(e.events / maxE)).toFixed(2), fill: "none",
        "marker-end": e.reciprocal ? null : `url(#arrow-${name})`, "data-dyad": `${e.source}>${e.target}` });
      tip(path, `${e.source} ${e.reciprocal ? "and" : "→"} ${e.target}: ${e.events} events (${e.conflict} conflict, ` +
        `${e.cooperation} cooperation), mean Goldstein ${round(e.goldstein_mean)}`);
      svg.append(path);
    }
    for (const a of nodes) {
      const [x, y] = pos.get(a);
      const g = sv("g", { class: "node", "data-actor": a, tabindex: 0, onclick: () => pickActor(a),
        onkeydown: (ev) => { if (ev.key === "Enter") pickActor(a); } });
      g.append(sv("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: nodeR(a).toFixed(1) }));
      const outside = x < cx - 1 ? "end" : x > cx + 1 ? "start" : "middle";
      const lx = x + (outside === "end" ? -1 : outside === "start" ? 1 : 0) * (nodeR(a) + 3);
      const ly = y + (outside === "middle" ? (y < cy ? -nodeR(a) - 4 : nodeR(a) + 12) : 4);
      g.append(sv("text", { x: lx.toFixed(1), y: ly.toFixed(1), "text-anchor": outside, text: a }));
      tip(g, `${a}: ${weight.get(a)} events in the dyads shown; click to filter`);
      svg.append(g);
    }
    box.append(svg);
  }

  function pickActor(a) {
    form.elements.actor.value = a;
    state.page = 1;
    refresh(true);
  }

  // ------------------------------------------------------------------ map
  const LAT_TOP = 84, LAT_BOTTOM = -58;
  function project(lon, lat, W, H) {
    return [((lon + 180) / 360) * W, ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H];
  }
  function ringPath(ring, W, H) {
    return ring.map(([lon, lat], i) => {
      const [x, y] = project(lon, lat, W, H);
      return (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
    }).join("") + "Z";
  }

  async function drawMap(filters) {
    if (!world) {
      const res = await fetch("/static/world.json");
      if (!res.ok) throw new Error("the map outlines could not be read");
      world = await res.json();
    }
    const rows = await all("places", new URLSearchParams(filters), 4);
    const box = document.getElementById("map");
    box.replaceChildren();
    const W = 460, H = 260;
    const byCountry = new Map();
    for (const r of rows) if (r.country) byCountry.set(r.country, (byCountry.get(r.country) || 0) + r.events);
    const svg = sv("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-label": "map of event places" });
    svg.append(sv("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
    for (const f of world.features) {
      const g = f.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      const d = polys.map((poly) => poly.map((ring) => ringPath(ring, W, H)).join("")).join("");
      const n = byCountry.get(f.properties.iso3) || 0;
      const land = sv("path", { d, class: n ? "land active" : "land", "data-iso3": f.properties.iso3 });
      tip(land, f.properties.name + (n ? `: ${n} events placed here` : ""));
      svg.append(land);
    }
    const max = Math.max(1, ...rows.map((r) => r.events));
    for (const r of rows.slice().sort((a, b) => b.events - a.events)) {
      const [x, y] = project(r.lon, r.lat, W, H);
      const dot = sv("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 7 * Math.sqrt(r.events / max)).toFixed(1),
        class: "dot", fill: r.conflict * 2 > r.events ? "#c8453a" : "#2f6db5", "data-place": r.name,
        onclick: () => { form.elements.place.value = r.name; state.page = 1; refresh(true); } });
      tip(dot, `${r.name}, ${r.country || "?"}: ${r.events} events, ${r.conflict} of them conflict`);
      svg.append(dot);
    }
    if (!rows.length) svg.append(sv("text", { x: W / 2, y: H - 10, "text-anchor": "middle", class: "tick", text: "no matching event has a known place" }));
    box.append(svg);
  }

  // ------------------------------------------------------------------ lists
  async function listAlerts(filters) {
    const q = new URLSearchParams(filters);
    q.set("period", period());
    q.set("flagged_only", "true");
    const rows = await all("escalation", q, 5);
    const list = document.getElementById("alerts");
    list.replaceChildren();
    if (!rows.length) { list.append(el("li", { class: "empty", text: "No dyad stands out against its baseline." })); return; }
    for (const r of rows.slice(-15).reverse()) {
      const item = el("li", { class: "alert", "data-dyad": `${r.source}>${r.target}` },
        el("span", { class: "when", text: r.period }), " ",
        el("a", { href: "#", onclick: (e) => { e.preventDefault(); form.elements.dyad.value = `${r.source}-${r.target}`; state.page = 1; refresh(true); },
          text: `${r.source} ${r.reciprocal ? "and" : "→"} ${r.target}` }),
        el("span", { class: "num", text: ` intensity ${round(r.intensity)}, signal ${round(r.signal)}` }));
      item.title = `baseline mean ${round(r.baseline_mean)}, std ${round(r.baseline_std)} over the previous periods`;
      list.append(item);
    }
  }

  async function listActors(filters) {
    const q = new URLSearchParams(filters);
    q.set("per_page", "12");
    const rows = (await api("actors", q)).items;
    const list = document.getElementById("actors");
    list.replaceChildren();
    if (!rows.length) { list.append(el("li", { class: "empty", text: "No actors." })); return; }
    const max = rows[0].events;
    for (const r of rows) {
      const bar = el("span", { class: "bar" });
      bar.style.width = Math.round((100 * r.events) / max) + "%";
      bar.style.background = tone(r.goldstein_mean);
      list.append(el("li", { "data-actor": r.actor },
        el("a", { href: "#", onclick: (e) => { e.preventDefault(); pickActor(r.actor); }, text: r.actor }),
        " ", el("span", { class: "name", text: r.name || "" }),
        el("span", { class: "num", text: ` ${r.events} (${r.as_source} as source, ${r.as_target} as target)` }),
        el("span", { class: "track" }, bar)));
    }
  }

  async function listEvents(filters) {
    const q = new URLSearchParams(filters);
    q.set("page", String(state.page));
    q.set("per_page", String(PER_PAGE));
    q.set("sort", "-date");
    const body = await api("events", q);
    const tbody = document.querySelector("#events tbody");
    tbody.replaceChildren();
    for (const e of body.items) {
      const ev = e.evidence_text.length > 180 ? e.evidence_text.slice(0, 177) + "..." : e.evidence_text;
      tbody.append(el("tr", { class: "qc" + e.quad_class + "-row", "data-event": e.id },
        el("td", { text: e.day || "" }),
        el("td", { title: e.source_name || "", text: e.source_code || "-" }),
        el("td", { title: e.cameo_name || "" }, el("span", { class: "qc-tag qc" + e.quad_class, text: e.cameo }), " ", e.plover || ""),
        el("td", { title: e.target_name || "", text: e.target_code || "-" }),
        el("td", { text: e.place_name || "" }),
        el("td", {}, el("a", { href: `/events/${encodeURIComponent(e.id)}#evidence`, class: "evidence-link", text: ev }))));
    }
    if (!body.items.length) tbody.append(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "No events match." })));
    document.getElementById("events-count").textContent = `${body.total} matching events, newest first`;
    document.getElementById("page-info").textContent = `page ${body.page} of ${body.pages}`;
    document.getElementById("prev").disabled = body.page <= 1;
    document.getElementById("next").disabled = body.page >= body.pages;
  }

  function reportLink(filters) {
    const link = document.getElementById("report-link");
    const actors = filters.getAll("actor");
    link.hidden = !actors.length;
    const q = new URLSearchParams();
    for (const a of actors) q.append("actor", a);
    for (const k of ["since", "until"]) if (filters.get(k)) q.set(k, filters.get(k));
    link.href = "/report?" + q;
  }

  // ------------------------------------------------------------------ wiring
  async function refresh(push) {
    document.body.dataset.state = "loading";
    writeAddress(push);
    for (const n of document.querySelectorAll(".period-name")) n.textContent = period();
    const filters = filterParams();
    reportLink(filters);
    showError(null);
    try {
      await Promise.all([drawTimeline(filters), drawNetwork(filters), drawMap(filters), listAlerts(filters),
        listActors(filters), listEvents(filters)]);
      document.body.dataset.state = "ready";
    } catch (err) {
      showError(err.message);
      document.body.dataset.state = "error";
    }
  }

  async function turnPage(delta) {
    state.page = Math.max(1, state.page + delta);
    writeAddress(true);
    try { await listEvents(filterParams()); } catch (err) { showError(err.message); }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); state.page = 1; refresh(true); });
  document.getElementById("reset").addEventListener("click", () => { form.reset(); state.page = 1; refresh(true); });
  document.getElementById("prev").addEventListener("click", () => turnPage(-1));
  document.getElementById("next").addEventListener("click", () => turnPage(1));
  window.addEventListener("popstate", () => { fillForm(); refresh(false); });
  fillForm();
  refresh(false);
})();
