// Joins the map's base payload (marker positions, sent when filters change) with its states
// payload (colour codes, last-claim days, source counts: sent on every as-of move).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  frontline: {
    draw_map: function (base, states, style, selected, layers, towns) {
      if (!base || !states || base.key !== states.key) {
        return window.dash_clientside.no_update;
      }
      const isoDay = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
      const unpack = function (packed) {
        const bytes = Uint8Array.from(atob(packed.b), (ch) => ch.charCodeAt(0));
        const view = packed.t === "u32" ? new Uint32Array(bytes.buffer) : new Uint16Array(bytes.buffer);
        return Array.from(view);
      };
      const data = base.traces.map(function (t, i) {
        const packed = states.traces[i];
        const s = { c: unpack(packed.c), d: unpack(packed.d), n: unpack(packed.n) };
        const vague = t.name === "areas";
        return {
          type: "scattermap",
          mode: "markers",
          name: t.name,
          lat: t.lat,
          lon: t.lon,
          text: t.text,
          ids: t.refs,
          customdata: s.c.map(function (k, j) {
            const last = s.d[j] > 0 ? isoDay(states.first_day + s.d[j] - 1) : "none";
            return states.labels[k] + "<br>last claim " + last + " · " + s.n[j] + (s.n[j] === 1 ? " source" : " sources");
          }),
          hovertemplate: "<b>%{text}</b><br>%{customdata}<extra></extra>",
          marker: {
            color: s.c.map(function (k) { return states.colours[k]; }),
            size: s.n.map(function (n) {
              const px = n === 0 ? 5 : Math.min(7 + 3.5 * Math.sqrt(n), 28);
              return vague ? px * 2.2 : px;
            }),
            opacity: vague ? 0.3 : 0.9,
          },
          showlegend: false,
        };
      });
      base.traces.forEach(function (t) {
        const i = selected ? t.refs.indexOf(selected) : -1;
        if (i >= 0) {
          // a translucent halo around the place whose panel is open
          data.push({
            type: "scattermap", mode: "markers", name: "selected", lat: [t.lat[i]], lon: [t.lon[i]],
            marker: { size: 30, color: "#1F2328", opacity: 0.3 }, hoverinfo: "skip", showlegend: false,
          });
        }
      });
      // keep the user's zoom and pan across updates: once the map is drawn, reuse its view
      const gd = document.querySelector("#map .js-plotly-plot");
      const drawn = gd && gd._fullLayout && gd._fullLayout.map && gd.data && gd.data.length;
      const center = drawn ? { lat: gd._fullLayout.map.center.lat, lon: gd._fullLayout.map.center.lon } : base.center;
      const zoom = drawn ? gd._fullLayout.map.zoom : base.zoom;
      const offline = style === "white-bg";
      return {
        data: data,
        layout: {
          map: {
            style: style || "white-bg",
            center: center,
            zoom: zoom,
            // online tiles bring their own sea, land and rivers: keep only coast and borders
            layers: offline ? layers : layers.slice(3),
          },
          margin: { l: 0, r: 0, t: 0, b: 0 },
          uirevision: "keep-zoom-and-pan",
          clickmode: "event",
          hoverlabel: { bgcolor: "white", font: { size: 13 } },
          meta: { key: states.key, asof: states.asof, towns: towns || [] },
        },
      };
    },
    asof_label_and_line: function (asof, timeline) {
      const day = new Date(asof * 86400000).toISOString().slice(0, 10);  // days since 1970-01-01
      if (!timeline || !timeline.layout) {
        return ["as of " + day, window.dash_clientside.no_update];
      }
      const shapes = (timeline.layout.shapes || []).map((shape) => Object.assign({}, shape, { x0: day, x1: day }));
      return ["as of " + day, Object.assign({}, timeline, { layout: Object.assign({}, timeline.layout, { shapes: shapes }) })];
    },
    write_permalink: function (query) {
      if (query !== undefined && query !== null) {
        const target = window.location.pathname + (query ? "?" + query : "");
        if (target !== window.location.pathname + window.location.search) {
          window.history.replaceState(null, "", target);
        }
      }
      return window.location.href;
    },
  },
});

// Clicks on empty map reach no plotly event; while the user is placing an unresolved name,
// hand the clicked coordinates to Dash through the map-click store.
(function watchMapClicks() {
  setInterval(function () {
    const g = document.querySelector("#map .js-plotly-plot");
    const sub = g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot;
    if (!sub || !sub.map || sub.map.__frontlineClicks) return;
    sub.map.__frontlineClicks = true;
    sub.map.on("click", function (e) {
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props("map-click", { data: { lat: e.lngLat.lat, lon: e.lngLat.lng, t: Date.now() } });
      }
    });
  }, 1000);
})();

// Names on the map, drawn as HTML text over it: the offline style has no font glyphs, so
// maplibre cannot label anything itself. Cities of a million come first, then the marked places
// (bigger markers first, approximate areas after exact places, places with no claim yet last),
// then smaller towns as the user zooms in; a label that would overlap
// one placed before it is left out, and so is a town where a marker already stands. Names are
// set as text, never markup.
(function placeLabels() {
  const MAX_LABELS = 150;
  const NO_CLAIM_YET = "#DDDDDD";  // components/map.py NO_EVIDENCE_COLOUR
  const CHAR_PX = 6.4;
  const unescape = (s) => String(s).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

  function townMinZoom(population) {
    if (population >= 1e6) return 0;
    if (population >= 3e5) return 5.5;
    if (population >= 1e5) return 6.5;
    return 7.5;
  }

  function candidates(gd, map) {
    const zoom = map.getZoom();
    const bounds = map.getBounds();
    const inView = (lat, lon) => bounds.contains([lon, lat]);
    const marked = [];
    (gd.data || []).forEach(function (trace) {
      if (trace.name !== "places" && trace.name !== "areas") return;
      const sizes = (trace.marker && trace.marker.size) || [];
      const colours = (trace.marker && trace.marker.color) || [];
      for (let i = 0; i < (trace.lat || []).length; i++) {
        if (inView(trace.lat[i], trace.lon[i])) {
          const vague = trace.name === "areas";
          const pending = colours[i] === NO_CLAIM_YET;  // named in the corpus, no claim by this date
          marked.push({ text: unescape(trace.text[i]).replace(/ \(approximate area\)$/, ""), lat: trace.lat[i],
                        lon: trace.lon[i], offset: vague ? 0 : (sizes[i] || 8) / 2 + 3,
                        kind: "place" + (vague ? " area" : "") + (pending ? " pending" : ""),
                        rank: (pending ? 20 : vague ? 50 : 100) + (sizes[i] || 0) / (vague ? 2.2 : 1), marker: true });
        }
      }
    });
    const out = marked;
    const offline = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map.style === "white-bg";
    const towns = (offline && gd.layout && gd.layout.meta && gd.layout.meta.towns) || [];
    towns.forEach(function (t) {
      if (zoom >= townMinZoom(t[3]) && inView(t[1], t[2])) {
        out.push({ text: t[0], lat: t[1], lon: t[2], kind: "town", offset: 5,
                   rank: t[3] >= 1e6 ? 1000 : Math.log10(t[3]) });
      }
    });
    return out.sort((a, b) => b.rank - a.rank);
  }

  function place(layer, label, map) {
    const p = map.project([label.lon, label.lat]);
    const centred = label.kind === "place area";
    label.el.style.left = (centred ? p.x - label.width / 2 : p.x + label.offset) + "px";
    label.el.style.top = p.y + "px";
  }

  function redraw(gd, map, layer) {
    layer.textContent = "";
    const kept = [];
    const boxes = [];
    const all = candidates(gd, map);
    const markerPoints = all.filter((l) => l.marker).map((l) => map.project([l.lon, l.lat]));
    const nearMarker = (p) => markerPoints.some((m) => Math.abs(m.x - p.x) < 12 && Math.abs(m.y - p.y) < 12);
    for (const label of all) {
      if (kept.length >= MAX_LABELS) break;
      const p = map.project([label.lon, label.lat]);
      if (label.kind === "town" && nearMarker(p)) continue;
      const width = label.text.length * CHAR_PX;
      const x0 = label.kind === "place area" ? p.x - width / 2 : p.x + label.offset;
      const box = [x0, p.y - 8, x0 + width, p.y + 8];
      if (boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
      boxes.push(box);
      const el = document.createElement("span");
      el.className = "map-label " + label.kind;
      el.textContent = label.text;
      layer.appendChild(el);
      label.el = el;
      label.width = width;
      place(layer, label, map);
      kept.push(label);
    }
    layer.__labels = kept;
  }

  setInterval(function () {
    const gd = document.querySelector("#map .js-plotly-plot");
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (!sub || !sub.map || sub.map.__frontlineLabels) return;
    const map = sub.map;
    map.__frontlineLabels = true;
    const layer = document.createElement("div");
    layer.className = "map-labels";
    map.getContainer().appendChild(layer);
    const refresh = () => redraw(gd, map, layer);
    map.on("move", () => (layer.__labels || []).forEach((label) => place(layer, label, map)));
    map.on("moveend", refresh);
    gd.on("plotly_afterplot", refresh);
    refresh();
  }, 500);
})();
