/* Progressive enhancement: a "Copy link" button beside each permanent link (¶).
   Without scripts the ¶ links still work; nothing on the page depends on this file. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.URL) {
    return;
  }
  document.querySelectorAll("a[data-permalink]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "Copy link";
    button.addEventListener("click", function () {
      var url = new URL(link.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(
        function () {
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = "Copy link"; }, 2000);
        },
        function () {
          button.textContent = "Copy failed";
        }
      );
    });
    link.insertAdjacentElement("afterend", button);
  });
})();
