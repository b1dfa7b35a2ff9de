// sitrep web app: map of incidents, timeline, filters and an incident page with highlighted sources.
// Every piece of data (article text, titles, outlets, actor names ...) is untrusted: the DOM is built
// with createElement/textContent only; innerHTML is never given data.
"use strict";

(function () {
  const MAX_MAP_INCIDENTS = 5000;
  const PAGE = 1000;
  const COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7b3294",
    "Protests": "#2b83ba",
    "Riots": "#1a9641",
    "Strategic developments": "#636363",
  };
  const OTHER_COLOR = "#999999";
  const SVG_NS = "http://www.w3.org/2000/svg";

  const state = { map: null, markers: null, graticule: null, fitted: false, facets: null };

  // ---- small DOM helpers (text only) ----------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, String(v));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function colorOf(eventType) {
    return COLORS[eventType] || OTHER_COLOR;
  }

  function safeUrl(url) {
    // Only absolute http(s) links become clickable; anything else (javascript:, data:, a relative path that
    // would point into this server) is shown as text.
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function places(...names) {
    // Non-empty names, consecutive repeats dropped ("Homs, Homs, Syria" → "Homs, Syria").
    return names.filter((n, i) => n && n !== names[i - 1]).join(", ");
  }

  function range(low, high) {
    if (low === null || low === undefined) return "—";
    if (high === null || high === undefined || high === low) return String(low);
    return low + "–" + high;
  }

  function setStatus(text) {
    document.getElementById("status").textContent = text;
  }

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(url + ": HTTP " + res.status);
    return res.json();
  }

  // ---- filters ---------------------------------------------------------------------------------

  function filterParams() {
    const p = new URLSearchParams();
    const pairs = [["from", "f-from"], ["to", "f-to"], ["event_type", "f-event-type"], ["grade", "f-grade"], ["actor", "f-actor"]];
    for (const [name, id] of pairs) {
      const v = document.getElementById(id).value.trim();
      if (v) p.set(name, v);
    }
    return p;
  }

  function fillSelect(id, values) {
    const select = document.getElementById(id);
    for (const v of values) select.appendChild(el("option", { value: v, text: v }));
  }

  // ---- map -------------------------------------------------------------------------------------

  function initMap() {
    const box = document.getElementById("map");
    if (typeof window.L === "undefined") {
      box.appendChild(el("p", { class: "map-missing", text:
        "The map library is not installed: run `npm ci` in src/sitrep/web (see docs). The list and timeline still work." }));
      return;
    }
    const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 0.5 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("sitrep · offline map: lat/lon graticule, no base layer");
    map.setView([20, 20], 2);
    state.graticule = L.layerGroup().addTo(map);
    state.markers = L.featureGroup().addTo(map);
    map.on("moveend zoomend", drawGraticule);
    state.map = map;
    drawGraticule();
  }

  function graticuleStep(span) {
    const steps = [30, 20, 10, 5, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01];
    for (const s of steps) if (span / s >= 4) return s;
    return steps[steps.length - 1];
  }

  function drawGraticule() {
    const map = state.map;
    if (!map) return;
    state.graticule.clearLayers();
    const b = map.getBounds();
    const south = Math.max(-85, b.getSouth()), north = Math.min(85, b.getNorth());
    const west = b.getWest(), east = b.getEast();
    const step = graticuleStep(Math.min(north - south, east - west));
    const style = { color: "#c3ccd6", weight: 1, interactive: false };
    const decimals = step < 1 ? String(step).split(".")[1].length : 0;
    for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
      state.graticule.addLayer(L.polyline([[lat, west], [lat, east]], style));
      state.graticule.addLayer(label([lat, west], lat.toFixed(decimals) + "°", [-40, 12]));
    }
    for (let lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
      state.graticule.addLayer(L.polyline([[south, lon], [north, lon]], style));
      state.graticule.addLayer(label([north, lon], (((lon + 540) % 360) - 180).toFixed(decimals) + "°", [-2, -2]));
    }
  }

  function label(latlng, text, anchor) {
    const span = el("span", { class: "graticule-label", text: text });
    return L.marker(latlng, { icon: L.divIcon({ html: span, className: "", iconSize: null, iconAnchor: anchor }),
                              interactive: false, keyboard: false });
  }

  function popupFor(p) {
    const box = el("div", { class: "popup" });
    box.appendChild(el("strong", { text: p.sub_event_type || p.event_type || "incident" }));
    box.appendChild(el("div", { text: [p.event_date, places(p.location, p.admin1, p.country)].filter(Boolean).join(" · ") }));
    box.appendChild(el("div", { text: "Fatalities: " + range(p.fatalities_low, p.fatalities_high) + " · " + p.grade }));
    const link = el("a", { href: "#/incident/" + encodeURIComponent(p.incident_id), class: "open-incident", text: "Open incident →" });
    box.appendChild(el("div", {}, link));
    return box;
  }

  function drawMarkers(features) {
    if (!state.map) return;
    state.markers.clearLayers();
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const deaths = p.fatalities_high || p.fatalities || 0;
      const marker = L.circleMarker([lat, lon], {
        radius: Math.min(18, 5 + Math.sqrt(deaths)), color: "#ffffff", weight: 1, fillColor: colorOf(p.event_type),
        fillOpacity: 0.85, className: "incident-marker",
      });
      marker.bindPopup(popupFor({ ...p, incident_id: f.id || p.incident_id }));
      marker.bindTooltip(el("span", { text: (p.location || "") + " · " + (p.event_date || "") }));
      state.markers.addLayer(marker);
    }
    if (features.length && !state.fitted) {
      state.map.fitBounds(state.markers.getBounds().pad(0.3), { maxZoom: 9 });
      state.fitted = true;
    }
  }

  async function loadIncidents(params) {
    const features = [];
    let total = 0;
    for (let offset = 0; offset < MAX_MAP_INCIDENTS; offset += PAGE) {
      const p = new URLSearchParams(params);
      p.set("format", "geojson");
      p.set("limit", String(PAGE));
      p.set("offset", String(offset));
      const page = await getJSON("/api/incidents?" + p.toString());
      total = page.total;
      features.push(...page.features);
      if (offset + PAGE >= total) break;
    }
    return { features, total };
  }

  // ---- incident list -----------------------------------------------------------------------------

  async function drawList(params) {
    const p = new URLSearchParams(params);
    p.set("limit", "200");
    const page = await getJSON("/api/incidents?" + p.toString());
    const body = document.querySelector("#incident-list tbody");
    clear(body);
    for (const inc of page.incidents) {
      const row = el("tr", { "data-id": inc.incident_id },
        el("td", { text: inc.event_date }),
        el("td", { text: inc.sub_event_type || inc.event_type }),
        el("td", { text: places(inc.location, inc.admin1, inc.country) }),
        el("td", { text: [inc.actor1, inc.actor2].filter(Boolean).join(" vs ") }),
        el("td", { text: range(inc.fatalities_low, inc.fatalities_high) }),
        el("td", {}, gradeBadge(inc.grade)));
      row.addEventListener("click", () => { window.location.hash = "#/incident/" + encodeURIComponent(inc.incident_id); });
      body.appendChild(row);
    }
    return page.total;
  }

  function gradeBadge(grade) {
    const g = String(grade || "");
    return el("span", { class: "grade grade-" + g.replace(/[^a-z]+/gi, "-"), text: g });
  }

  // ---- timeline ----------------------------------------------------------------------------------

  function drawTimeline(allRows) {
    const box = document.getElementById("timeline");
    clear(box);
    const rows = allRows.filter((r) => typeof r.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(r.date)); // undated: no bar
    if (!rows.length) {
      box.appendChild(el("p", { class: "note", text: "No incidents." }));
      return;
    }
    const days = [];
    const first = new Date(rows[0].date + "T00:00:00Z"), last = new Date(rows[rows.length - 1].date + "T00:00:00Z");
    for (let d = first; d <= last && days.length < 400; d = new Date(d.getTime() + 86400000)) days.push(d.toISOString().slice(0, 10));
    const byDay = new Map(days.map((d) => [d, []]));
    for (const r of rows) if (byDay.has(r.date)) byDay.get(r.date).push(r);
    const totals = days.map((d) => byDay.get(d).reduce((s, r) => s + r.incidents, 0));
    const max = Math.max(1, ...totals);
    const W = 320, H = 160, left = 24, bottom = 18, top = 6;
    const bw = (W - left) / days.length;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
    root.appendChild(svg("line", { x1: left, y1: H - bottom, x2: W, y2: H - bottom, stroke: "#aab4c0" }));
    root.appendChild(svg("text", { x: 2, y: top + 8, class: "axis" }, String(max)));
    root.appendChild(svg("text", { x: 2, y: H - bottom, class: "axis" }, "0"));
    root.appendChild(svg("text", { x: left, y: H - 4, class: "axis" }, days[0]));
    root.appendChild(svg("text", { x: W, y: H - 4, class: "axis", "text-anchor": "end" }, days[days.length - 1]));
    days.forEach((day, i) => {
      let y = H - bottom;
      for (const r of byDay.get(day)) {
        const h = (r.incidents / max) * (H - bottom - top);
        y -= h;
        const rect = svg("rect", { x: left + i * bw + 0.5, y: y, width: Math.max(1, bw - 1), height: h,
                                   fill: colorOf(r.event_type), class: "bar", "data-date": day });
        rect.appendChild(svg("title", {}, `${day} · ${r.event_type}: ${r.incidents} incident(s), ${r.fatalities} fatalities`));
        rect.addEventListener("click", () => {
          document.getElementById("f-from").value = day;
          document.getElementById("f-to").value = day;
          refresh();
        });
        root.appendChild(rect);
      }
    });
    box.appendChild(root);
  }

  function drawLegend(types) {
    const box = document.getElementById("legend");
    clear(box);
    for (const t of types) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = colorOf(t);
      box.appendChild(el("div", {}, sw, t));
    }
  }

  // ---- refresh of the map view -------------------------------------------------------------------

  async function refresh() {
    const params = filterParams();
    setStatus("loading…");
    document.body.removeAttribute("data-ready");
    try {
      const [{ features, total }, timeline] = await Promise.all([loadIncidents(params), getJSON("/api/timeline?" + params)]);
      drawMarkers(features);
      drawTimeline(timeline);
      await drawList(params);
      const note = document.getElementById("map-note");
      note.hidden = features.length >= total;
      note.textContent = features.length < total ? `The map shows ${features.length} of ${total} incidents (those with coordinates, first ${MAX_MAP_INCIDENTS}).` : "";
      setStatus(`${total} incident${total === 1 ? "" : "s"}`);
      document.getElementById("status").setAttribute("data-count", String(total));
    } catch (e) {
      setStatus("error: " + e.message);
    }
    document.body.setAttribute("data-ready", "map");
  }

  // ---- incident page -----------------------------------------------------------------------------

  function fact(dl, name, value) {
    dl.appendChild(el("dt", { text: name }));
    const dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = value === null || value === undefined || value === "" ? "—" : String(value);
    dl.appendChild(dd);
  }

  function codePoints(text) {
    return Array.from(text);
  }

  function highlighted(text, start, end, sentence) {
    // Offsets are in Unicode code points (Python); JavaScript strings count UTF-16 units.
    const cps = codePoints(text);
    let before = cps.slice(0, start).join(""), claim = cps.slice(start, end).join(""), after = cps.slice(end).join("");
    const box = el("div", { class: "article-text" });
    let warning = null;
    if (claim !== sentence) {
      const i = text.indexOf(sentence);
      if (i >= 0) {
        before = text.slice(0, i); claim = sentence; after = text.slice(i + sentence.length);
      } else {
        before = text; claim = ""; after = "";
      }
      warning = el("p", { class: "warn", text: "The stored offsets do not match this version of the article." });
    }
    box.appendChild(document.createTextNode(before));
    const mark = el("mark", { class: "claim", text: claim });
    box.appendChild(mark);
    box.appendChild(document.createTextNode(after));
    return { box, mark, warning };
  }

  function sourceCard(src, doc) {
    const card = el("article", { class: "source", "data-doc": src.doc_id });
    const head = el("div", { class: "source-head" });
    head.appendChild(el("strong", { text: (doc && doc.title) || src.doc_id }));
    const bits = [src.outlet || (doc && doc.outlet) || "unknown outlet", src.published || (doc && doc.published) || "undated"];
    head.appendChild(document.createTextNode(" — " + bits.join(" · ")));
    if (src.claimed_by) head.appendChild(document.createTextNode(" · claimed by " + src.claimed_by));
    const href = src.url ? safeUrl(src.url) : null;
    if (href) {
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(el("a", { href: href, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" }));
    } else if (src.url) {
      head.appendChild(document.createTextNode(" · " + src.url));
    }
    card.appendChild(head);
    if (doc && typeof doc.text === "string") {
      const { box, mark, warning } = highlighted(doc.text, src.start, src.end, src.sentence);
      if (warning) card.appendChild(warning);
      card.appendChild(box);
      requestAnimationFrame(() => { box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40); });
    } else {
      card.appendChild(el("blockquote", {}, el("mark", { class: "claim", text: src.sentence })));
      card.appendChild(el("p", { class: "warn", text: "The article text is not in the store." }));
    }
    return card;
  }

  function framingTable(rows) {
    const outlets = [...new Set(rows.map((r) => r.outlet || r.doc_id))];
    const actors = [...new Set(rows.map((r) => r.actor))];
    const table = el("table", { class: "grid framing" });
    const headRow = el("tr", {}, el("th", { text: "Actor" }));
    for (const o of outlets) headRow.appendChild(el("th", { text: o }));
    table.appendChild(el("thead", {}, headRow));
    const body = el("tbody");
    for (const a of actors) {
      const tr = el("tr", {}, el("th", { text: a }));
      for (const o of outlets) {
        const labels = rows.filter((r) => r.actor === a && (r.outlet || r.doc_id) === o).flatMap((r) => r.labels);
        tr.appendChild(el("td", { text: [...new Set(labels)].join(", ") || "—" }));
      }
      body.appendChild(tr);
    }
    table.appendChild(body);
    return table;
  }

  function contradictionBlock(c) {
    const box = el("div", { class: "contradiction" });
    box.appendChild(el("p", {}, el("strong", { text: c.subject }), document.createTextNode(c.reason ? " — " + c.reason : "")));
    const table = el("table", { class: "grid" });
    table.appendChild(el("thead", {}, el("tr", {}, el("th", { text: "Value" }), el("th", { text: "Claimed by" }),
      el("th", { text: "Document" }), el("th", { text: "Sentence" }))));
    const body = el("tbody");
    for (const cl of c.claims) {
      body.appendChild(el("tr", {}, el("td", { text: cl.value }), el("td", { text: cl.claimed_by || "—" }),
        el("td", { text: cl.doc_id }), el("td", { text: cl.sentence })));
    }
    table.appendChild(body);
    box.appendChild(table);
    return box;
  }

  let incidentToken = 0;

  async function showIncident(id) {
    // Only the latest request renders; the page is always marked ready, even after an error.
    const token = ++incidentToken;
    const box = document.getElementById("incident");
    clear(box);
    document.body.removeAttribute("data-ready");
    try {
      await renderIncident(id, box, token);
    } catch (e) {
      console.error(e);
      if (token === incidentToken) box.appendChild(el("p", { class: "warn", text: "Error: " + e.message }));
    } finally {
      if (token === incidentToken) document.body.setAttribute("data-ready", "incident");
    }
  }

  async function renderIncident(id, box, token) {
    let inc;
    try {
      inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
    } catch (e) {
      if (token === incidentToken) box.appendChild(el("p", { class: "warn", text: "Incident not found." }));
      return;
    }
    const wrap = el("div", { class: "incident", "data-id": inc.incident_id });
    wrap.appendChild(el("h1", { text: `${inc.sub_event_type} — ${inc.location || inc.admin1 || inc.country}, ${inc.event_date}` }));
    const dl = el("dl", { class: "facts" });
    fact(dl, "Event type", `${inc.event_type} / ${inc.sub_event_type}`);
    fact(dl, "Date", inc.date_min === inc.date_max ? inc.event_date : `${inc.event_date} (${inc.date_min} – ${inc.date_max})`);
    fact(dl, "Where", places(inc.location, inc.admin2, inc.admin1, inc.country));
    fact(dl, "Actor 1", [inc.actor1, inc.assoc_actor_1].filter(Boolean).join(" with "));
    fact(dl, "Actor 2", [inc.actor2, inc.assoc_actor_2].filter(Boolean).join(" with "));
    fact(dl, "Fatalities", `${inc.fatalities} (reported range ${range(inc.fatalities_low, inc.fatalities_high)})`);
    fact(dl, "Injuries", range(inc.injuries_low, inc.injuries_high));
    fact(dl, "Grade", gradeBadge(inc.grade));
    fact(dl, "Notes", inc.notes);
    wrap.appendChild(dl);

    wrap.appendChild(el("h2", { text: `Sources (${inc.sources.length})` }));
    const docs = await Promise.all([...new Set(inc.sources.map((s) => s.doc_id))].map((d) =>
      getJSON("/api/documents/" + encodeURIComponent(d)).then((doc) => [d, doc], () => [d, null])));
    const byId = new Map(docs);
    for (const src of inc.sources) wrap.appendChild(sourceCard(src, byId.get(src.doc_id)));

    wrap.appendChild(el("h2", { text: "Contested figures" }));
    if (inc.contradictions.length) for (const c of inc.contradictions) wrap.appendChild(contradictionBlock(c));
    else wrap.appendChild(el("p", { class: "note", text: "No source contradicts another on this incident." }));

    wrap.appendChild(el("h2", { text: "Framing by outlet" }));
    if (inc.framing.length) wrap.appendChild(framingTable(inc.framing));
    else wrap.appendChild(el("p", { class: "note", text: "No actor labels recorded for these sources." }));
    if (token !== incidentToken) return;
    box.appendChild(wrap);
    document.title = "sitrep — " + inc.sub_event_type + " " + inc.event_date;
  }

  // ---- routing -----------------------------------------------------------------------------------

  function route() {
    const m = window.location.hash.match(/^#\/incident\/(.+)$/);
    const mapView = document.getElementById("map-view"), incView = document.getElementById("incident-view");
    if (m) {
      mapView.hidden = true;
      incView.hidden = false;
      let id = m[1];
      try {
        id = decodeURIComponent(id);
      } catch (e) {
        // a malformed escape in a typed or pasted URL: look the raw text up (it will not be found)
      }
      showIncident(id);
    } else {
      incView.hidden = true;
      mapView.hidden = false;
      document.title = "sitrep";
      if (state.map) setTimeout(() => state.map.invalidateSize(), 0);
      document.body.setAttribute("data-ready", "map");
    }
  }

  async function start() {
    initMap();
    try {
      state.facets = await getJSON("/api/facets");
      fillSelect("f-event-type", state.facets.event_types);
      fillSelect("f-grade", state.facets.grades);
      drawLegend(state.facets.event_types);
    } catch (e) {
      setStatus("error: " + e.message);
    }
    document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
    document.getElementById("filters").addEventListener("reset", () => setTimeout(refresh, 0));
    window.addEventListener("hashchange", route);
    await refresh();
    route();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
