/* Printing a view: plotly draws at fixed pixel sizes, so each chart is redrawn at the size of its box on an A4
 * page (assets/print.css), with type to match, before printing; afterwards it gets its screen layout back. */
(function () {
  "use strict";
  //: CSS px at 96 dpi inside A4's 190 mm printable width: the map across it, the other two side by side.
  const SIZES = {"graph-map": [700, 340], "graph-sankey": [344, 270], "graph-series": [344, 270]};
  const PRINT_TYPE = {"font.size": 9, "title.font.size": 11, "legend.font.size": 8, "margin.t": 28,
    "legend.entrywidth": 0.5, "legend.entrywidthmode": "fraction"};

  function graphs() {
    if (!window.Plotly) { return []; }
    return Array.from(document.querySelectorAll(".panel-graph")).map((box) => {
      const name = Object.keys(SIZES).find((c) => box.classList.contains(c));
      return {gd: box.querySelector(".js-plotly-plot"), size: SIZES[name]};
    }).filter((g) => g.gd && g.gd.layout && g.size);
  }

  function read(layout, path) {
    return path.split(".").reduce((node, key) => (node == null ? undefined : node[key]), layout);
  }

  function forPrint() {
    graphs().forEach(({gd, size}) => {
      if (gd.seeScreenLayout) { return; }
      gd.seeScreenLayout = {width: null, height: null, autosize: true};
      Object.keys(PRINT_TYPE).forEach((path) => { gd.seeScreenLayout[path] = read(gd.layout, path) ?? null; });
      window.Plotly.relayout(gd, Object.assign({width: size[0], height: size[1]}, PRINT_TYPE));
    });
  }

  function forScreen() {
    graphs().forEach(({gd}) => {
      if (!gd.seeScreenLayout) { return; }
      const screen = gd.seeScreenLayout;
      delete gd.seeScreenLayout;
      window.Plotly.relayout(gd, screen);
    });
  }

  window.addEventListener("beforeprint", forPrint);
  window.addEventListener("afterprint", forScreen);
})();
