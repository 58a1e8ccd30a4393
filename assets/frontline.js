// Joins the map's base payload (marker positions, sent when filters change) with its states
// payload (colour codes, last-claim days, source counts: sent on every as-of move).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  frontline: {
    draw_map: function (base, states, style, selected, layers) {
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
          meta: { key: states.key, asof: states.asof },
        },
      };
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
