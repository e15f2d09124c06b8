/* The page's language, for screen readers and hyphenation: <html lang> follows the page drawn (its root carries
   data-lang), also when the router swaps pages without a reload. A language menu link, when followed, takes the
   view now on screen (the year or filters may have changed since the page was drawn) into the language chosen,
   and remembers the choice (the see_lang cookie, dashboard/web/reader.py) for links that name no language. */
(function () {
    "use strict";
    function syncLang() {
        var root = document.querySelector("[data-lang]");
        if (root && document.documentElement.lang !== root.getAttribute("data-lang")) {
            document.documentElement.lang = root.getAttribute("data-lang");
        }
    }
    new MutationObserver(syncLang).observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[data-lang-choice]") : null;
        if (!link) { return; }
        var code = link.getAttribute("data-lang-choice");
        document.cookie = "see_lang=" + encodeURIComponent(code) + "; path=/; max-age=31536000; SameSite=Lax";
        var params = new URLSearchParams(window.location.search);
        params.delete("lang");
        var rest = params.toString();
        link.href = window.location.pathname + "?lang=" + encodeURIComponent(code) +
            (rest ? "&" + rest : "");
    }, true);
}());
