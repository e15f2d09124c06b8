/* SEE Route Monitor: clientside callbacks, one namespace. Visual-only work that needs no server. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  see: {
    /* Play/pause: start from the first year when play is pressed on the last one. */
    togglePlay: function (nClicks, disabled, value, marks) {
      const playing = !disabled;
      if (!nClicks) { return [true, "▶ Play", window.dash_clientside.no_update]; }
      if (playing) { return [true, "▶ Play", window.dash_clientside.no_update]; }
      const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
      const restart = years.length && value >= years[years.length - 1];
      return [false, "⏸ Pause", restart ? years[0] : window.dash_clientside.no_update];
    },
    /* One tick of the timeline: the next year with data, stopping at the last. */
    nextYear: function (n, value, marks) {
      const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
      const i = years.indexOf(Number(value));
      if (i < 0 || i >= years.length - 1) { return [window.dash_clientside.no_update, true, "▶ Play"]; }
      const last = i + 1 === years.length - 1;
      return [years[i + 1], last, last ? "▶ Play" : "⏸ Pause"];
    },
    speed: function (ms) { const v = Number(ms); return v >= 200 && v <= 10000 ? v : 1200; },
  },
});
