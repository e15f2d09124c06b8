/* SEE Route Monitor: the Export menus and "Report pack" download through fetch, so the page can say that a file
 * is being prepared, wait out a busy server and say plainly when it stays busy.
 *
 * The server makes images on one render thread per worker with a few slots (dashboard/export/queue.py); when
 * they are taken it answers 503 with Retry-After at once. Here that becomes "busy, trying again in N s", up to
 * MAX_TRIES times. The links stay plain URLs (class "see-export"): without this script, or with a modifier key
 * or a middle click, they download as before, and scripts can fetch them directly.
 */
(function () {
  "use strict";
  const MAX_TRIES = 6;
  const MAX_WAIT_S = 30; // never wait longer than this between tries, whatever Retry-After says
  const DONE_SHOWN_MS = 8000;
  const pending = new Set(); // URLs being fetched: a second click on one only says so
  let status = null;
  let clearTimer = null;
  /* The messages in the page's language: the dashboard's root carries them (data-export-words, written from the
     catalogues by layouts/share.py). Their {name} placeholders are filled in here. */
  function words(key, values) {
    const root = document.querySelector("[data-export-words]");
    let table = {};
    try { table = JSON.parse(root.getAttribute("data-export-words")); } catch (err) { table = {}; }
    return (table[key] || key).replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }

  function statusBox() {
    if (!status) {
      status = document.createElement("div");
      status.id = "see-export-status";
      status.className = "export-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    return status;
  }

  /* kind: "working", "busy", "done" or "error"; it picks the colour (assets/share.css). */
  function say(text, kind) {
    const box = statusBox();
    window.clearTimeout(clearTimer);
    box.textContent = text;
    box.dataset.kind = kind;
    if (kind === "done") {
      clearTimer = window.setTimeout(() => { box.textContent = ""; delete box.dataset.kind; }, DONE_SHOWN_MS);
    }
  }

  function fileName(response, url) {
    const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : new URL(url).pathname.split("/").pop();
  }

  function save(blob, name) {
    const href = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 60000);
  }

  function sleep(ms) { return new Promise((resolve) => window.setTimeout(resolve, ms)); }

  async function download(url) {
    const what = new URL(url).pathname.split("/").pop();
    for (let attempt = 1; ; attempt += 1) {
      say(words(attempt === 1 ? "preparing" : "retrying", {what: what, attempt: attempt, tries: MAX_TRIES}),
        "working");
      let response;
      try {
        response = await fetch(url, {credentials: "same-origin"});
      } catch (err) {
        say(words("unreachable", {what: what}), "error");
        return;
      }
      if (response.ok) {
        const name = fileName(response, url);
        save(await response.blob(), name);
        say(words("downloaded", {name: name}), "done");
        return;
      }
      const retryAfter = Number(response.headers.get("Retry-After"));
      const reason = (await response.text()).replace(/^error:\s*/, "").trim();
      if (response.status !== 503 || !(retryAfter > 0)) {
        say(words("failed", {what: what, reason: reason || words("failedStatus", {status: response.status})}),
          "error");
        return;
      }
      if (attempt >= MAX_TRIES) {
        say(words("tooBusy", {what: what}), "error");
        return;
      }
      const wait = Math.min(retryAfter, MAX_WAIT_S);
      say(words("busy", {wait: wait}), "busy");
      await sleep(wait * 1000);
    }
  }

  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a.see-export") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    const href = link.getAttribute("href");
    if (!href || href === "#") { return; }
    event.preventDefault(); // capture phase: before the browser follows the link; Dash still counts the click
    const url = new URL(href, window.location.href).href;
    if (pending.has(url)) {
      say(words("pending", {what: new URL(url).pathname.split("/").pop()}), "working");
      return;
    }
    pending.add(url);
    download(url).finally(() => pending.delete(url));
  }, true);
})();
