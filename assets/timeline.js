/* SEE Route Monitor: year steps without a server round trip (callbacks/url.py registers these).
 *
 * The server sends the drawn view's year frames (callbacks/panels.py): for each year, its number, its query
 * and, keyed by "id.property", the URL, the label, the view tools' links and every panel's outputs (as Dash
 * patches; layouts/outputs.py, year_frame). A frame is applied only while the view, the frames and every panel were drawn for the
 * same timeline key; otherwise the step goes to the server as a request, exactly as before frames existed.
 */
(function () {
  /* The year frames arrive as JSON text (cached so on the server); parsed once per text. */
  let parsed = { text: null, frames: null };
  function framesOf(text) {
    if (typeof text !== "string") { return null; }
    if (text !== parsed.text) {
      try { parsed = { text: text, frames: JSON.parse(text) }; } catch (e) { parsed = { text: text, frames: null }; }
    }
    return parsed.frames;
  }

  /* The frame for year `y`, if the frames and every panel's figure belong to the view's timeline. */
  function frameFor(y, view, frames, panelKeys) {
    if (!frames || !frames.years || frames.key !== view.key) { return null; }
    if (!panelKeys.every((k) => k && k.view === view.key)) { return null; }
    return frames.years[String(y)] || null;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
      /* New frames arrived: parse them now, off the path of the next step. */
      parse: function (framesText) { framesOf(framesText); },

      /* The slider moved (a drag, a key, play): apply that year's frame, or ask the server. Outputs are matched
       * by "id.property" to the frame's values (layouts/outputs.py), never by position. */
      step: function (year, view, requestId, framesText, ...panelKeys) {
        const frames = framesOf(framesText);
        const nu = window.dash_clientside.no_update;
        const outputs = window.dash_clientside.callback_context.outputs_list;
        // allow_duplicate outputs carry an '@hash' after the property name.
        const keys = outputs.map((o) => `${o.id}.${o.property.split("@")[0]}`);
        const y = Number(year);
        if (!view || !Number.isInteger(y) || (y === view.year && view.year_from === null)) {
          return keys.map(() => nu);
        }
        const ask = () => outputs.map((o) => (o.id === requestId ? { year: y, n: Date.now() } : nu));
        const frame = frameFor(y, view, frames, panelKeys);
        if (!frame) { return ask(); }
        // A year step drops the range (dashboard/view/timeline.py, step).
        const next = Object.assign({}, view, { year: y, year_from: null, year_to: null, query: frame.query });
        const values = Object.assign({}, frame.values, { [frames.view]: next });
        const complete = outputs.every((o, i) => o.id === requestId || keys[i] in values);
        return complete ? keys.map((k) => (k in values ? values[k] : nu)) : ask();
      },

      /* The URL changed (back, forward, a pasted link): a frame's own query is a local year step; the URL the
       * view already has is an echo of a step; anything else is parsed by the server. */
      fromUrl: function (search, view, framesText, ...panelKeys) {
        const frames = framesOf(framesText);
        const nu = window.dash_clientside.no_update;
        const query = search || "";
        if (view && query === (view.query || "")) { return [nu, nu]; }
        const years = frames && frames.years ? Object.keys(frames.years) : [];
        const hit = years.find((y) => frames.years[y].query === query);
        // The same year with a range cleared goes to the server: the slider would not move, so no step runs.
        const local = view && hit !== undefined && Number(hit) !== view.year
          && frameFor(Number(hit), view, frames, panelKeys);
        if (local) {
          return [Number(hit), nu];
        }
        return [nu, { search: query, n: Date.now() }];
      },
    },
  });
})();
