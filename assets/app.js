/* SEE Route Monitor: clientside callbacks, one namespace. Visual-only work that needs no server. */
(function () {
  /* The timeline's year rules: dashboard/view/timeline.py's, written again for the browser's play clock.
   * tests/unit/test_timeline.py runs both on one table of cases; change them together. `years` is sorted. */
  const rules = {
    /* The years of the view: the slider has one mark per year with data (callbacks/url.py, year_marks). */
    yearsOf: function (marks) {
      return Object.keys(marks || {}).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
    },
    /* The first year after `year`; the last year once there is none. */
    later: function (years, year) {
      const after = years.find((y) => y > year);
      return after !== undefined ? after : (years.length ? years[years.length - 1] : year);
    },
    /* Where play starts: the year shown if it has data and is not the last, else the first year. */
    playStart: function (years, year) {
      if (!years.length) { return year; }
      return years.slice(0, -1).includes(year) ? year : years[0];
    },
    /* One beat of the play clock: [the next year, whether play goes on]. */
    tick: function (years, year) {
      if (!years.length) { return [year, false]; }
      const next = rules.later(years, year);
      return [next, next !== years[years.length - 1]];
    },
  };
  /* The button's two labels in the page's language: the timeline carries them (layouts/controls.py). */
  function playLabel(playing) {
    const bar = typeof document === "undefined" ? null : document.querySelector("[data-play-label]");
    if (!bar) { return playing ? "⏸ Pause" : "▶ Play"; }
    return bar.getAttribute(playing ? "data-pause-label" : "data-play-label");
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    see: {
      rules: rules,
      /* Play/pause: the rules say where play starts (back at the first year when pressed on the last). */
      togglePlay: function (nClicks, disabled, value, marks) {
        const nu = window.dash_clientside.no_update;
        if (!nClicks || !disabled) { return [true, playLabel(false), nu]; }
        const year = Number(value);
        const start = rules.playStart(rules.yearsOf(marks), year);
        return [false, playLabel(true), start === year ? nu : start];
      },
      /* One tick of the timeline: the rules give the next year and whether play goes on. */
      nextYear: function (n, value, marks) {
        const year = Number(value);
        const [next, playing] = rules.tick(rules.yearsOf(marks), year);
        return [next === year ? window.dash_clientside.no_update : next, !playing, playLabel(playing)];
      },
      speed: function (ms) { const v = Number(ms); return v >= 200 && v <= 10000 ? v : 1200; },
      /* The map and Flows row: "comparing" while the drawn view compares two years (its map is a grid). */
      panelRow: function (view) {
        const year = view && view.compare;
        return Number.isInteger(year) ? "g-2 comparing" : "g-2";
      },
    },
  });
})();

/* Narrow screens (a phone, or an embed's small frame): the figures are the server's, drawn for any width, and
 * this fits them to a screen (or frame) narrower than 600 px once plotly has drawn them, and back when it widens
 * again (the same breakpoint as assets/app.css; a narrow column of a wide screen keeps the figure as drawn).
 * The map's legend (its colour bar) moves under the map, which keeps the whole width; a title too long for one
 * line wraps, under the mode bar; the Sankey's labels take a smaller size. Only the drawn figure is relaid out:
 * a year frame's patch or a new figure is drawn as sent, and fitted again once drawn (plotly_afterplot,
 * plotly_react), so the frames and patches never change. */
(function () {
  const NARROW = "(max-width: 599.98px)";
  /* The colour bar under the map: a column of classes at the bottom left, the map above it. */
  const UNDER = { "colorbar.x": 0, "colorbar.xanchor": "left", "colorbar.y": 0, "colorbar.yanchor": "bottom",
                  "colorbar.len": 0.42, "colorbar.thickness": 12 };
  const MAP_AREA = { "geo.domain.x": [0, 1], "geo.domain.y": [0.42, 1] };

  function fitLegend(gd, narrow) {
    const trace = gd.data[0];
    if (!trace || trace.type !== "choropleth") { return null; }
    const bar = trace.colorbar || {};
    const barUnder = bar.yanchor === "bottom" && bar.x === 0;
    // dcc.Graph hands plotly a copy of the layout on each draw, the same traces: check both halves.
    const rows = ((gd.layout.geo || {}).domain || {}).y;
    const mapOnTop = Array.isArray(rows) && rows[0] > 0;
    if (narrow ? barUnder && mapOnTop : !barUnder && !mapOnTop) { return null; }
    if (narrow) {
      if (!barUnder) {
        gd._seeLegend = Object.fromEntries(Object.keys(UNDER).map((k) => [k, bar[k.slice(9)] ?? null]));
      }
      return [UNDER, MAP_AREA];
    }
    return [barUnder ? gd._seeLegend || {} : {}, { "geo.domain.x": [0, 1], "geo.domain.y": [0, 1] }];
  }

  /* The Sankey's labels a size smaller, so long origin names overlap the middle column less. */
  function fitNodes(gd, narrow) {
    const trace = gd.data[0];
    if (!trace || trace.type !== "sankey") { return null; }
    const size = (trace.textfont || {}).size;
    if (narrow && size !== 11) {
      gd._seeNodes = size ?? null;
      return [{ "textfont.size": 11 }, {}];
    }
    return !narrow && size === 11 && gd._seeNodes !== undefined ? [{ "textfont.size": gd._seeNodes }, {}] : null;
  }

  function fitTitle(gd, narrow) {
    const title = gd.layout.title || {};
    const text = typeof title.text === "string" ? title.text : "";
    if (narrow && text && text !== gd._seeTitle) {
      const width = Math.max(12, Math.floor((gd.clientWidth - 24) / 8.4));
      const lines = text.split(" ").reduce((acc, word) => {
        const last = acc[acc.length - 1];
        if (last && (last + " " + word).length <= width) { acc[acc.length - 1] = last + " " + word; }
        else { acc.push(word); }
        return acc;
      }, []);
      gd._seeTitle = lines.join("<br>");
      gd._seeTitleFrom = { text: text, margin: gd.layout.margin ? gd.layout.margin.t : undefined,
                           size: title.font ? title.font.size : undefined };
      return { "title.text": gd._seeTitle, "title.font.size": 15, "title.yref": "container", "title.y": 1,
               "title.yanchor": "top", "title.pad.t": 38, "margin.t": 44 + 19 * lines.length };
    }
    if (!narrow && gd._seeTitle && text === gd._seeTitle) {
      const from = gd._seeTitleFrom;
      gd._seeTitle = null;
      const back = (v) => (v === undefined ? null : v);
      return { "title.text": from.text, "title.font.size": back(from.size), "title.yref": null, "title.y": null,
               "title.yanchor": null, "title.pad.t": null, "margin.t": back(from.margin) };
    }
    return null;
  }

  function fit(gd) {
    if (gd._seeFitting || !window.Plotly || !gd.data || !gd.layout || !gd.clientWidth) { return; }
    const narrow = window.matchMedia(NARROW).matches;
    const legend = fitLegend(gd, narrow) || fitNodes(gd, narrow);
    const title = fitTitle(gd, narrow);
    if (!legend && !title) { return; }
    gd._seeFitting = true;
    const layout = Object.assign({}, legend ? legend[1] : {}, title || {});
    const done = () => { gd._seeFitting = false; };
    window.Plotly.update(gd, legend ? legend[0] : {}, layout, legend ? [0] : undefined).then(done, done);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    see: Object.assign({}, (window.dash_clientside || {}).see, { fitNarrow: fit }),
  });
  if (typeof document === "undefined" || typeof MutationObserver === "undefined") { return; }
  function watch() {
    document.querySelectorAll(".panel-graph .js-plotly-plot, .embed-graph .js-plotly-plot").forEach((gd) => {
      if (gd._seeWatched || typeof gd.on !== "function") { return; }
      gd._seeWatched = true;
      // A new figure (plotly_react) or a redraw (plotly_afterplot: a resize, a patch) is fitted when drawn.
      gd.on("plotly_afterplot", () => fit(gd));
      gd.on("plotly_react", () => fit(gd));
      fit(gd);
    });
  }
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
})();
