/* The referral block: copy the customer's link, or share it where the
 * browser can (Web Share API); each counted once per page view. */
(function (w) {
  "use strict";
  var t = w.thankyou, nav = w.navigator;
  if (!t || !t.behave) return;
  t.behave("referral", function (section) {
    var block = section.getAttribute("data-block");
    function el(name) { return section.querySelector("[data-referral-" + name + "]"); }
    var field = el("link"), status = el("status"), copy = el("copy"), share = el("share");
    function done(kind) {
      return function () {
        status.textContent = status.getAttribute("data-" + kind);
        t.track(kind, block);
      };
    }
    copy.hidden = false;
    copy.onclick = function () {
      if (!nav.clipboard) return field.select();
      nav.clipboard.writeText(field.value).then(done("copy"), function () { field.select(); });
    };
    share.hidden = !nav.share;
    share.onclick = function () {
      nav.share(JSON.parse(field.getAttribute("data-share"))).then(done("share"), function () {});
    };
  });
})(window);
