/* SEE Route Monitor, static edition (dashboard/site): the panels, the year slider, play and the keys, from the
 * scripts the builder wrote. No request leaves the folder: views arrive as <script> tags (file:// allows those,
 * not fetch), and every URL is relative. The play clock's rules are the dashboard's own (assets/app.js). */
(function () {
  const SITE = window.SEE_SITE;
  const M = SITE.manifest;
  const rules = window.dash_clientside.see.rules;
  const root = document.getElementById("site");
  let state = { lang: M.default_lang, crime: M.crimes[0], year: null, deck: null, slide: 0 };
  let playing = null;

  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "text") { node.textContent = v; } else { node.setAttribute(k, v); }
    });
    kids.forEach((k) => node.appendChild(typeof k === "string" ? document.createTextNode(k) : k));
    return node;
  }

  /* 'data[0].marker.line.width' -> value, as the server's year patches say (callbacks/panels.py, _apply). */
  function setPath(target, path, value) {
    const parts = path.replace(/\]/g, "").replace(/\[/g, ".").split(".");
    let node = target;
    parts.slice(0, -1).forEach((p, i) => {
      const key = /^\d+$/.test(p) ? Number(p) : p;
      if (node[key] === undefined) { node[key] = /^\d+$/.test(parts[i + 1]) ? [] : {}; }
      node = node[key];
    });
    const last = parts[parts.length - 1];
    node[/^\d+$/.test(last) ? Number(last) : last] = value;
  }

  /* The figure of a panel in a year: the base figure with the year's patch, or the year's own figure. */
  function figureFor(view, panel, year) {
    const entry = view.frames[String(year)][panel.id];
    const fig = JSON.parse(JSON.stringify(entry.figure || panel.figure));
    Object.entries(entry.patch || {}).forEach(([path, value]) => setPath(fig, path, value));
    (fig.data || []).forEach((trace) => { if (trace.geojson === "see:countries") { trace.geojson = SITE.geojson; } });
    return fig;
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (M.langs[p.get("lang")]) { state.lang = p.get("lang"); }
    if (M.crimes.includes(p.get("crime"))) { state.crime = p.get("crime"); }
    state.year = Number(p.get("year")) || null;
    state.deck = M.decks.some((d) => d.name === p.get("deck")) ? p.get("deck") : null;
    state.slide = Number(p.get("slide")) || 0;
  }
  function writeHash() {
    const h = state.deck ? `#lang=${state.lang}&deck=${state.deck}&slide=${state.slide}`
      : `#lang=${state.lang}&crime=${state.crime}&year=${state.year}`;
    if (location.hash !== h) { history.replaceState(null, "", h); }
  }

  /* Load a script of data once (a <script> tag: the only loading file:// allows), then go on. */
  function withScript(table, id, file, done) {
    if (SITE[table][id]) { done(SITE[table][id]); return; }
    const tag = el("script", { src: file });
    tag.onload = () => done(SITE[table][id]);
    document.body.appendChild(tag);
  }

  /* Load a view's script once (a <script> tag: the only loading file:// allows), then draw. */
  function withView(done) {
    const id = `${state.lang}/${state.crime}`;
    const meta = M.views.find((v) => v.lang === state.lang && v.crime === state.crime);
    withScript("views", id, meta.file, done);
  }

  function csvText(rows) {
    const cell = (v) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return [rows.columns, ...rows.rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
  }

  function tableOf(rows, caption) {
    const head = el("tr", {}, ...rows.columns.map((c) => el("th", { scope: "col", text: c })));
    const body = rows.rows.map((r) => el("tr", {}, ...r.map((c) => el("td", { text: String(c) }))));
    return el("table", { class: "table table-sm table-striped" }, el("caption", { text: caption }), el("thead", {}, head), el("tbody", {}, ...body));
  }

  function header(w) {
    const langs = el("select", { id: "site-lang", class: "form-select form-select-sm", "aria-label": w.language });
    Object.entries(M.langs).forEach(([code, name]) => langs.appendChild(el("option", { value: code, text: name })));
    langs.value = state.lang;
    langs.onchange = () => { state.lang = langs.value; render(); };
    const crimes = el("select", { id: "site-crime", class: "form-select form-select-sm", "aria-label": w.crime });
    M.crimes.forEach((c) => crimes.appendChild(el("option", { value: c, text: w.crimes[c] })));
    crimes.value = state.crime;
    crimes.onchange = () => { state.crime = crimes.value; state.year = null; render(); };
    const notice = el("p", { id: "site-notice", class: "small text-muted mb-1" }, w.cannot + " " +
      w.holds.replace("{views}", M.views.length).replace("{langs}", Object.keys(M.langs).length)
        .replace("{mb}", M.size_mb) + " ");
    if (M.full_url) { notice.appendChild(el("a", { href: M.full_url, text: w.full })); }
    const decks = el("nav", { class: "small", id: "site-decks" }, `${w.decks}: `);
    M.decks.filter((d) => d.lang === state.lang).forEach((d) => decks.appendChild(
      el("a", { href: `#lang=${state.lang}&deck=${d.name}&slide=0`, class: "me-2", text: d.title })));
    return el("header", { class: "site-header" },
      el("h1", { class: "h4" }, `SEE Route Monitor · ${w.edition}`),
      el("p", { id: "site-version", class: "small mb-1" },
        `${w.data_version}: ${M.data_version.slice(0, 12)} · ${w.newest}: ${M.data_date}`),
      notice, decks,
      el("div", { class: "site-controls" }, el("label", {}, w.crime, crimes), el("label", {}, w.language, langs)));
  }

  function timeline(w, view) {
    const gap = view.left_out ? w.left_out.replace("{first}", view.left_out[0]).replace("{last}", view.left_out[1]) : "";
    const slider = el("input", { id: "site-year", type: "range", class: "form-range", min: 0,
      max: view.years.length - 1, step: 1, "aria-label": w.year });
    slider.value = view.years.indexOf(state.year);
    slider.oninput = () => { stop(); showYear(view, view.years[Number(slider.value)]); };
    const play = el("button", { id: "site-play", class: "btn btn-primary btn-sm", type: "button", text: w.play });
    play.onclick = () => (playing ? stop() : start(view));
    return el("div", { class: "site-timeline" }, play, el("output", { id: "site-year-label", text: state.year }),
      slider, el("span", { class: "small text-muted", text: `${w.keys} ${gap}` }));
  }

  function panelCard(w, panel) {
    const id = panel.id;  /* the figure carries its title; the card is headed by the panel's name */
    const csv = el("a", { id: `site-${id}-csv`, class: "btn btn-outline-secondary btn-sm", text: w.csv });
    const toggle = el("button", { id: `site-${id}-table-btn`, class: "btn btn-outline-secondary btn-sm",
      type: "button", text: w.table, "aria-expanded": "false" });
    const table = el("div", { id: `site-${id}-table`, class: "site-table d-none" });
    toggle.onclick = () => {
      const open = table.classList.toggle("d-none") === false;
      toggle.setAttribute("aria-expanded", String(open));
    };
    return el("section", { class: "card site-panel", id: `site-${id}` },
      el("div", { class: "card-body" },
        el("h2", { class: "h6", text: panel.label }),
        el("div", { class: "site-figure", id: `site-${id}-figure` }),
        el("p", { class: "small", id: `site-${id}-summary` }),
        el("div", { class: "small site-notes", id: `site-${id}-notes` }),
        el("div", { class: "site-tools" }, toggle, csv), table));
  }

  function notesOf(w, notes) {
    const list = (items) => el("ul", {}, ...items.map((s) => el("li", { text: s })));
    return [el("strong", { text: w.sources }), list(notes.sources),
      ...(notes.caveats.length ? [el("strong", { text: w.caveats }), list(notes.caveats)] : [])];
  }

  function showYear(view, year) {
    const w = M.words[state.lang];
    state.year = year;
    writeHash();
    document.getElementById("site-year").value = view.years.indexOf(year);
    document.getElementById("site-year-label").textContent = year;
    view.panels.forEach((panel) => {
      const entry = view.frames[String(year)][panel.id];
      const id = panel.id;
      Plotly.react(`site-${id}-figure`, figureFor(view, panel, year),
        { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["toImage"] });
      document.getElementById(`site-${id}-summary`).textContent = entry.summary;
      const rows = view.pool[entry.rows];
      document.getElementById(`site-${id}-notes`).replaceChildren(...notesOf(w, view.pool[entry.notes]));
      document.getElementById(`site-${id}-table`).replaceChildren(tableOf(rows.table, entry.heading));
      const link = document.getElementById(`site-${id}-csv`);
      link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(csvText(rows.csv));
      link.download = `see-${state.crime}-${id}-${year}.csv`;
    });
  }

  function stop() {
    if (playing) { clearInterval(playing); playing = null; }
    const b = document.getElementById("site-play");
    if (b) { b.textContent = M.words[state.lang].play; }
  }
  function start(view) {
    const w = M.words[state.lang];
    showYear(view, rules.playStart(view.years, state.year));
    document.getElementById("site-play").textContent = w.pause;
    playing = setInterval(() => {
      const [next, more] = rules.tick(view.years, state.year);
      showYear(view, next);
      if (!more) { stop(); }
    }, 1200);
  }

  /* A deck: one slide at a time, its precomputed figures, stepped by the presenter's keys. */
  function showSlide(deck) {
    const w = M.words[state.lang];
    const slide = deck.slides[state.slide];
    writeHash();
    const figures = slide.figures.map((_, i) => el("div", { class: "site-figure", id: `site-slide-figure-${i}` }));
    root.replaceChildren(el("header", { class: "site-header" },
      el("h1", { class: "h4" }, `${deck.title} · ${w.edition}`),
      el("p", { class: "small mb-1" }, el("a", { href: `#lang=${state.lang}&crime=${state.crime}`, text: w.back }),
        ` · ${w.deck_keys}`)),
      el("h2", { class: "h5 mt-2", id: "site-slide-title", text: slide.title }),
      el("p", { class: "small text-muted", id: "site-slide-counter", text: slide.counter }),
      el("main", { class: "site-panels" }, ...figures),
      el("p", { class: "lead", id: "site-slide-takeaway", text: slide.takeaway }),
      el("p", { class: "small", id: "site-slide-source", text: slide.source }));
    slide.figures.forEach((fig, i) => {
      const copy = JSON.parse(JSON.stringify(fig));
      (copy.data || []).forEach((t) => { if (t.geojson === "see:countries") { t.geojson = SITE.geojson; } });
      Plotly.react(`site-slide-figure-${i}`, copy, { responsive: true, displaylogo: false });
    });
  }

  function render() {
    stop();
    if (state.deck) {
      const meta = M.decks.find((d) => d.lang === state.lang && d.name === state.deck);
      withScript("decks", `${state.lang}/${state.deck}`, meta.file, (deck) => {
        SITE.current = null;
        SITE.deck = deck;
        state.slide = Math.min(Math.max(state.slide, 0), deck.slides.length - 1);
        showSlide(deck);
      });
      return;
    }
    SITE.deck = null;
    withView((view) => {
      const w = M.words[state.lang];
      document.documentElement.lang = state.lang;
      if (!view.years.includes(state.year)) { state.year = view.opening; }
      root.replaceChildren(header(w), timeline(w, view),
        el("main", { class: "site-panels" }, ...view.panels.map((p) => panelCard(w, p))));
      showYear(view, state.year);
      SITE.current = view;
    });
  }

  document.addEventListener("keydown", (e) => {
    const deck = SITE.deck;
    if (deck) {
      const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[e.key];
      const to = state.slide + (step || 0);
      if (step && to >= 0 && to < deck.slides.length) { state.slide = to; showSlide(deck); e.preventDefault(); }
      return;
    }
    const view = SITE.current;
    if (!view || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) { return; }
    const i = view.years.indexOf(state.year);
    const to = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
    if (to !== null && to >= 0 && to < view.years.length) { stop(); showYear(view, view.years[to]); e.preventDefault(); }
  });
  window.addEventListener("hashchange", () => {
    const before = `${state.lang}|${state.crime}|${state.deck}|${state.slide}|${state.year}`;
    readHash();
    if (`${state.lang}|${state.crime}|${state.deck}|${state.slide}|${state.year}` !== before) { render(); }
  });
  readHash();
  render();
})();
