/* A facade ([data-embed] around a link) becomes the third party's player when
 * its link is clicked, so nothing is loaded from there before the customer
 * asks. For any block: name this script in Meta.script or scripts(value).
 * Clicks inside the open shadow root reach the document (composedPath). */
(function (w, d) {
  "use strict";
  if (w.thankyouFacade) return;
  w.thankyouFacade = 1;
  d.addEventListener("click", function (event) {
    var target = event.composedPath ? event.composedPath()[0] : event.target;
    var link = target.closest && target.closest("a");
    // Only in our content (inside a shadow root, under .ty), never the host page's own.
    var facade = link && link.getRootNode() !== d && link.closest(".ty [data-embed]");
    if (!facade) return;
    event.preventDefault();
    var frame = d.createElement("iframe");
    frame.className = "ty-embed";
    frame.title = facade.getAttribute("data-title");
    frame.allow = facade.getAttribute("data-allow");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.src = facade.getAttribute("data-embed");
    facade.parentNode.replaceChild(frame, facade);
    frame.focus();
  });
})(window, document);
