/* SEE Route Monitor: accessibility (namespace dash_clientside.a11y).
 *
 * 1. The "Table" button of each panel: opens and closes the table, and hands the view to the server only
 *    while the table is open, so a closed table costs no request on a year step.
 * 2. Names for two Dash 4 controls that ship without one. The dropdown keeps an invisible input as its tab
 *    stop, marked aria-hidden although it takes focus (it passes focus straight on to the labelled button), and
 *    the slider's thumb has no accessible name. Each gets the text of the <label for=…> of its control, so a
 *    screen reader never lands on a nameless or hidden stop.
 */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  a11y: {
    toggleTable: function (nClicks, isOpen) {
      const open = !isOpen;
      return [open, String(open)];
    },
    tableView: function (view, isOpen) {
      return isOpen ? view : window.dash_clientside.no_update;
    },
  },
});

(function () {
  "use strict";

  function labelFor(id) {
    const label = id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;
    return label ? label.textContent.trim() : "";
  }

  function nameControls() {
    document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
      const button = input.nextElementSibling;
      const name = labelFor(button && button.id);
      input.removeAttribute("aria-hidden");
      if (name) { input.setAttribute("aria-label", name); }
    });
    document.querySelectorAll(".dash-slider-container [role=slider]:not([aria-label])").forEach(function (thumb) {
      const container = thumb.closest(".dash-slider-container");
      const name = labelFor(container && container.id);
      if (name) { thumb.setAttribute("aria-label", name); }
    });
  }

  /* 3. The header's "Menu" (layouts/main.py) is open on a wide screen, where its toggle is hidden, and folded
   *    on a phone or tablet when a page opens, and whenever the screen narrows past the breakpoint. Escape folds
   *    it again and gives focus back to its toggle. */
  const narrow = window.matchMedia("(max-width: 991.98px)");
  function foldMenus(all) {
    document.querySelectorAll("details.site-menu").forEach(function (menu) {
      if (all || !menu.hasAttribute("data-fitted")) {
        menu.setAttribute("data-fitted", "");
        menu.open = !narrow.matches;
      }
    });
  }
  narrow.addEventListener("change", function () { foldMenus(true); });
  document.addEventListener("keydown", function (event) {
    const menu = event.key === "Escape" && narrow.matches && event.target.closest
      ? event.target.closest("details.site-menu[open]") : null;
    if (menu) { menu.open = false; menu.querySelector("summary").focus(); }
  });

  /* 4. A link to a glossary term (/about#term-…) lands before the router has drawn the About page: once the
   *    term is on the page, scroll to it and give it focus, so the reader, and a screen reader, start there. */
  let reached = "";
  function showTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && id !== reached ? document.getElementById(id) : null;
    if (target) {
      reached = id;
      target.scrollIntoView({block: "start"});
      if (target.tabIndex === -1) { target.focus({preventScroll: true}); }
    }
  }
  window.addEventListener("hashchange", function () { reached = ""; showTarget(); });

  // Dash renders after this file runs and re-renders on navigation: act whenever nodes appear.
  new MutationObserver(function () { nameControls(); foldMenus(false); showTarget(); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
