/* SEE Route Monitor: presenter mode and speaker view (namespace dash_clientside.present).
 *
 * Only bindings live here: keys, clicker and buttons become action names sent to the server
 * (dashboard/present/navigation.py decides what they do), positions are passed between windows over a
 * BroadcastChannel, the play clock sends "tick" while the projected window plays, and the
 * controls show only while the mouse moves. Component ids come from the page's data-* attributes.
 */
(function () {
  "use strict";
  const WINDOW_ID = Math.random().toString(36).slice(2, 12);
  const TICK_MS = 1500;
  const HIDE_MS = 2500;
  const KEYS = {
    ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "first", End: "last",
    ArrowUp: "later", ArrowDown: "earlier", " ": "play", Spacebar: "play",
  };
  const ACK_MS = 5000;
  let seq = 0;
  let inflight = 0;
  let inflightSince = 0;
  const queue = [];
  let channel = null;
  let channelName = "";
  let clock = null;
  let hideTimer = null;
  let lastPos = null;
  let started = Date.now();

  function root() { return document.querySelector("[data-present-role]"); }

  /* One action at a time: the next is sent when the server has acknowledged this one (present.ack), so a
   * clicker pressed quickly never loses a step. A lost answer frees the queue after ACK_MS. */
  function pump() {
    const r = root();
    if (!r || inflight || !queue.length || !window.dash_clientside.set_props) { return; }
    seq += 1;
    inflight = seq;
    inflightSince = Date.now();
    window.dash_clientside.set_props(r.dataset.actionId, {data: {action: queue.shift(), from: WINDOW_ID, seq: seq}});
  }

  function send(action) {
    if (inflight && Date.now() - inflightSince > ACK_MS) { inflight = 0; }
    if (action === "tick" && queue.includes("tick")) { return; }
    queue.push(action);
    pump();
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  }

  function openSpeaker() {
    const r = root();
    if (!r || r.dataset.presentRole !== "projector") { return; }  // the speaker view is opened from the projector
    const url = window.location.pathname.replace(/\/$/, "") + "/speaker" + window.location.search;
    window.open(url, "see-speaker-view", "width=1200,height=800");
  }

  function leave() {
    const exit = document.querySelector("[data-present-exit]");
    if (exit) { window.location.assign(exit.href); }
  }

  function toggleHelp(force) {
    const r = root();
    if (r) { r.classList.toggle("show-help", force); }
  }

  const LOCAL = {fullscreen: toggleFullscreen, speaker: openSpeaker, help: () => toggleHelp()};

  function onKey(event) {
    const r = root();
    if (!r || event.altKey || event.ctrlKey || event.metaKey) { return; }
    const tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    let handled = true;
    if (KEYS[event.key]) { send(KEYS[event.key]); }
    else if (event.key === "f" || event.key === "F") { toggleFullscreen(); }
    else if (event.key === "s" || event.key === "S") { openSpeaker(); }
    else if (event.key === "?") { toggleHelp(); }
    else if (event.key === "Escape") {
      if (r.classList.contains("show-help")) { toggleHelp(false); } else if (!document.fullscreenElement) { leave(); }
    } else { handled = false; }
    if (handled) { event.preventDefault(); }
  }

  function onClick(event) {
    const button = event.target.closest && event.target.closest("[data-present-action]");
    if (!button || !root()) { return; }
    const action = button.dataset.presentAction;
    if (LOCAL[action]) { LOCAL[action](); } else { send(action); }
    button.blur();
  }

  function onMouseMove() {
    const r = root();
    if (!r) { return; }
    r.classList.add("controls-visible");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => r.classList.remove("controls-visible"), HIDE_MS);
  }

  function onMessage(event) {
    const r = root();
    const msg = event.data || {};
    if (!r || msg.from === WINDOW_ID) { return; }
    if (msg.type === "pos" && msg.pos) {
      window.dash_clientside.set_props(r.dataset.posId, {data: Object.assign({}, msg.pos, {from: msg.from})});
    } else if (msg.type === "hello" && lastPos && r.dataset.presentRole === "projector") {
      channel.postMessage({type: "pos", from: WINDOW_ID, pos: lastPos});
    }
  }

  function useChannel(name) {
    if (name === channelName || typeof BroadcastChannel === "undefined") { return; }
    if (channel) { channel.close(); }
    channel = new BroadcastChannel(name);
    channelName = name;
    channel.onmessage = onMessage;
    channel.postMessage({type: "hello", from: WINDOW_ID});
  }

  function tickClock() {
    const el = document.querySelector("[data-present-clock]");
    if (!el) { return; }
    const s = Math.floor((Date.now() - started) / 1000);
    el.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onClick);
  document.addEventListener("mousemove", onMouseMove, {passive: true});
  setInterval(tickClock, 1000);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    present: {
      /* Every new position: tell the other windows (if it was made here) and run or stop the play clock. */
      sync: function (pos) {
        const r = root();
        if (!r || !pos) { return window.dash_clientside.no_update; }
        useChannel(r.dataset.channel);
        if (r.dataset.presentRole === "speaker" && !lastPos) { started = Date.now(); }
        lastPos = {slide: pos.slide, year: pos.year, playing: pos.playing};
        if (channel && pos.from === WINDOW_ID) { channel.postMessage({type: "pos", from: WINDOW_ID, pos: lastPos}); }
        const tick = r.dataset.presentRole === "projector" && pos.playing;
        if (tick && !clock) { clock = setInterval(() => send("tick"), TICK_MS); }
        if (!tick && clock) { clearInterval(clock); clock = null; }
        return seq;
      },
      /* The server has taken action `ack`: send the next one waiting. */
      ack: function (ack) {
        if (ack === inflight) { inflight = 0; pump(); }
        return window.dash_clientside.no_update;
      },
    },
  });
})();
