/* Country profiles: each indicator's "Data table" is written into the page when it is opened. The rows come with
 * the page, as JSON on the <details> element (data-table: caption, columns, cells, already formatted in the
 * reader's language by dashboard/profile/text.py): a profile's tables are some 1,500 cells, which as Dash
 * components would hold the whole page back while the renderer walks them. */
(function () {
  "use strict";
  function cell(tag, text, scope) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (scope) { el.setAttribute("scope", scope); }
    return el;
  }

  function build(details) {
    const box = details.querySelector(".profile-table");
    if (!box || box.querySelector("table")) { return; }
    let data;
    try { data = JSON.parse(details.getAttribute("data-table")); } catch (err) { return; }
    const table = document.createElement("table");
    table.className = "table table-sm table-striped small mb-1";
    table.appendChild(cell("caption", data.caption));
    const head = table.appendChild(document.createElement("thead")).appendChild(document.createElement("tr"));
    data.columns.forEach((c) => head.appendChild(cell("th", c, "col")));
    const body = table.appendChild(document.createElement("tbody"));
    data.cells.forEach((row) => {
      const tr = body.appendChild(document.createElement("tr"));
      row.forEach((c, i) => tr.appendChild(cell(i === 0 ? "th" : "td", c, i === 0 ? "row" : null)));
    });
    box.appendChild(table);
  }

  // "toggle" does not bubble: listen in the capture phase, for every profile the router draws.
  document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (details instanceof HTMLDetailsElement && details.open && details.hasAttribute("data-table")) {
      build(details);
    }
  }, true);
})();
