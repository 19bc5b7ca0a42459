/* Team video: load the provider's player only when the customer clicks play. */
(function (w) {
  "use strict";
  function setup(section) {
    var facade = section.querySelector("[data-embed]");
    var play = facade && facade.querySelector("a");
    if (!play) return;
    play.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = w.document.createElement("iframe");
      frame.className = "ty-video__frame";
      frame.title = facade.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.src = facade.getAttribute("data-embed");
      facade.parentNode.replaceChild(frame, facade);
      frame.focus();
    });
  }
  if (w.thankyou && w.thankyou.behave) w.thankyou.behave("video", setup);
})(window);
