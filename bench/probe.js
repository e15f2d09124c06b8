/* Injected into every benchmarked page before its own scripts: times measured in the page, not by sleeping.
 *
 * A MutationObserver looks at the DOM after every change:
 *  - cold load: `window.__bench.drawn` is performance.now() (ms since navigation start) of the first moment
 *    all three panels are drawn (map shapes, Sankey nodes, time-series traces, each with its title);
 *  - year step: when the year slider's thumb moves to a new year, a step starts; it ends at the first moment
 *    the map and Sankey titles name that year and the time series' year marker sits on it. A step that is
 *    overtaken by the next one before it is shown counts as dropped (a skipped frame).
 * The benchmarked apps (ours and bench/baseline_app.py) share the ids map-graph, sankey-graph, series-graph
 * and year, and put the year into the map and Sankey titles and a shape on the time series.
 */
(function () {
  const PANELS = ["map-graph", "sankey-graph", "series-graph"];
  const state = { drawn: null, steps: [], pending: null, lastYear: null };
  window.__bench = state;

  function plot(id) {
    const el = document.getElementById(id);
    if (!el) { return null; }
    return el.classList.contains("js-plotly-plot") ? el : el.querySelector(".js-plotly-plot");
  }

  function title(gd) {
    const t = gd.querySelector(".gtitle");
    return t ? t.textContent : "";
  }

  function panelsDrawn() {
    const map = plot(PANELS[0]), sankey = plot(PANELS[1]), series = plot(PANELS[2]);
    if (!map || !sankey || !series) { return false; }
    return map.querySelectorAll("path.choroplethlocation").length > 0 && title(map) !== ""
      && sankey.querySelectorAll(".sankey-node, .annotation").length > 0 && title(sankey) !== ""
      && series.querySelectorAll(".scatterlayer .trace").length > 0;
  }

  function showsYear(year) {
    const map = plot(PANELS[0]), sankey = plot(PANELS[1]), series = plot(PANELS[2]);
    if (!map || !sankey || !series) { return false; }
    const suffix = ", " + year;
    if (!title(map).endsWith(suffix) || !title(sankey).endsWith(suffix)) { return false; }
    const shapes = series._fullLayout && series._fullLayout.shapes;
    if (!shapes || !shapes.length || !series.querySelector(".shapelayer path")) { return false; }
    const x0 = shapes[0].x0;
    return typeof x0 === "number" ? Math.round(x0 + 0.4) === year : String(x0).slice(0, 4) === String(year);
  }

  function sliderYear() {
    const thumb = document.querySelector("#year [role=slider]");
    const v = thumb ? Number(thumb.getAttribute("aria-valuenow")) : NaN;
    return Number.isFinite(v) ? v : null;
  }

  function check() {
    const now = performance.now();
    if (state.drawn === null && panelsDrawn()) { state.drawn = now; }
    const year = sliderYear();
    if (state.drawn !== null && year !== null && year !== state.lastYear) {
      if (state.lastYear !== null) {
        if (state.pending) { state.steps.push({ year: state.pending.year, t0: state.pending.t0, ms: null }); }
        state.pending = { year: year, t0: now };
      }
      state.lastYear = year;
    }
    if (state.pending && showsYear(state.pending.year)) {
      state.steps.push({ year: state.pending.year, t0: state.pending.t0, ms: now - state.pending.t0 });
      state.pending = null;
    }
  }

  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
