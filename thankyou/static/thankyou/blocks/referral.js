/* The referral block: copy the customer's link, or share it where the
 * browser can (Web Share API); each counted once per page view. */
(function (w) {
  "use strict";
  if (!w.thankyou || !w.thankyou.behave) return;
  w.thankyou.behave("referral", function (section) {
    var box = section.querySelector("[data-referral]");
    if (!box) return;
    var nav = w.navigator, block = section.getAttribute("data-block");
    var field = box.querySelector("[data-referral-link]");
    var status = box.querySelector("[role=status]");
    var copy = box.querySelector("[data-referral-copy]");
    var share = box.querySelector("[data-referral-share]");
    function say(key) { status.textContent = status.getAttribute("data-" + key); }
    function selected() { field.focus(); field.select(); say("select"); }
    copy.addEventListener("click", function () {
      if (!nav.clipboard) return selected();
      nav.clipboard.writeText(field.value).then(function () {
        say("copied");
        w.thankyou.track("copy", block);
      }, selected);
    });
    copy.hidden = false;
    if (!nav.share) return;
    share.addEventListener("click", function () {
      var url = box.getAttribute("data-url"), text = box.getAttribute("data-text");
      var data = { title: box.getAttribute("data-title"), text: url ? text : (text + " " + field.value).trim() };
      if (url) data.url = url;
      nav.share(data).then(function () { w.thankyou.track("share", block); }, function () {});
    });
    share.hidden = false;
  });
})(window);
