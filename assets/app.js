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
