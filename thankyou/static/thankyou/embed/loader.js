/*! Thank-you page loader, v1. Copy it to your own site: it asks our server for
 * the embed script with import(), which does not hold your page's load event
 * (a script tag pointing at our server would, however slow the server is).
 * <script async src="/thankyou-loader.js" data-server="https://SERVER" data-token="JWT" data-target="#el"></script> */
(function (w, d, me) {
  "use strict";
  function warn(message) {
    try { w.console.warn("[thankyou] " + message); } catch (e) { /* no console */ }
  }
  try {
    var server = me.getAttribute("data-server").replace(/\/+$/, ""), target = me.getAttribute("data-target");
    if (!target) {  // in place of the tag, as our own tag does
      if (me.parentNode === d.head) throw new Error("no target");
      target = me.parentNode.insertBefore(d.createElement("thankyou-page"), me.nextSibling);
    }
    var call = typeof w.thankyou == "function" ? w.thankyou : function () {
      (call.q = call.q || []).push(arguments);
    };
    w.thankyou = call;
    call("render", { token: me.getAttribute("data-token"), target: target, timeout: me.getAttribute("data-timeout") });
    if (!call.render) import(server + "/embed/v1.mjs").catch(function () {
      warn("not shown: our script did not load (server unreachable, or not allowed by script-src)");
    });
  } catch (e) {
    warn("not started: " + e.message);
  }
})(window, document, document.currentScript);
