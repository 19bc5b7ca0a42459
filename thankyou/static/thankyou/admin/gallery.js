/* The block gallery: each frame as tall as the block it shows. */
(function () {
  "use strict";
  function fit(frame) {
    try {
      var doc = frame.contentDocument;
      if (doc) frame.style.height = doc.documentElement.scrollHeight + "px";
    } catch (e) { /* not ours: keep the default height */ }
  }
  document.querySelectorAll("[data-gallery-frame]").forEach(function (frame) {
    frame.addEventListener("load", function () {
      fit(frame);
      if (window.ResizeObserver && frame.contentDocument) {
        new ResizeObserver(function () { fit(frame); }).observe(frame.contentDocument.documentElement);
      }
    });
  });
})();
