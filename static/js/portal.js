/* Progressive enhancement. Without scripts every link still works; nothing on the page
   depends on this file. */
(function () {
  "use strict";
  /* The language switcher: remember the reader's choice, so a later first visit to an
     English address (a bookmark) stays in the language they chose. */
  document.querySelectorAll("a[data-language]").forEach(function (link) {
    link.addEventListener("click", function () {
      document.cookie = "django_language=" + link.getAttribute("data-language") +
        "; path=/; max-age=31536000; samesite=lax";
    });
  });
  /* A "Copy link" button beside each permanent link (¶), labelled in the page's
     language (the words are on <body>, translated with the page). */
  if (!navigator.clipboard || !window.URL) {
    return;
  }
  var words = document.body.dataset;
  var label = words.copyLink || "Copy link";
  document.querySelectorAll("a[data-permalink]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = label;
    button.addEventListener("click", function () {
      var url = new URL(link.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(
        function () {
          button.textContent = words.copied || "Copied";
          window.setTimeout(function () { button.textContent = label; }, 2000);
        },
        function () {
          button.textContent = words.copyFailed || "Copy failed";
        }
      );
    });
    link.insertAdjacentElement("afterend", button);
  });
})();
