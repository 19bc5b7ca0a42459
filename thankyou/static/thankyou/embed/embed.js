/*! Thank-you page embed script, v1. No dependencies; never breaks the host page.
 * <script async src="https://SERVER/embed/v1.js" data-token="JWT"></script>
 * or, for single-page shops: thankyou.render({token: "JWT", target: "#el"}) */
(function (w, d) {
  "use strict";
  // Host pages patch globals; keep the originals from load time.
  var fetch0 = w.fetch, stringify = JSON.stringify;
  var Ctrl = w.AbortController, timer = w.setTimeout, Promise0 = w.Promise;
  var me = d.currentScript, base = "", policy = null, loaded = {};
  var behaviours = {};

  function warn(message) {
    try { w.console.warn("[thankyou] " + message); } catch (e) { /* no console */ }
  }

  try {
    base = me.src.replace(/\/embed\/[^/]*$/, "");
    if (w.trustedTypes) {
      policy = w.trustedTypes.createPolicy("thankyou", {
        createHTML: function (s) { return s; },
        createScriptURL: function (s) { return s; }
      });
    }
  } catch (e) { /* no policy allowed: innerHTML still works without Trusted Types */ }

  // Prototype.js gives arrays a toJSON that writes them as strings; the
  // arrays we send have their own, which is not a function, so none is used.
  function array() {
    var a = [];
    a.toJSON = 0;
    return a;
  }

  // The timer aborts the request, body included, unless it is done by then
  // (aborting a finished request does nothing). No cookies go to another
  // origin by default, and the API reads none.
  function post(path, body, ms) {
    var ctrl = new Ctrl(), late = "timed out after " + ms + " ms";
    timer(function () { ctrl.abort(); }, ms);
    return fetch0.call(w, base + path, {
      method: "POST",
      body: stringify(body),  // as text/plain: no CORS preflight
      signal: ctrl.signal
    }).then(function (r) {
      // The browser's own JSON parser: the host page's JSON may be patched.
      return r.status === 204 ? null : r.json().then(null, function (e) {
        if (e.name === "AbortError") throw new Error(late);
      }).then(function (data) {
        if (!data || typeof data !== "object") throw new Error(r.status + " unexpected response");
        if (!r.ok) throw { message: r.status + " " + data.code + ": " + data.detail, code: data.code };
        return data;
      });
    }, function (e) {
      throw new Error(e && e.name === "AbortError" ? late : "server unreachable");
    });
  }

  function hostFor(target) {
    var el = typeof target === "string" ? d.querySelector(target) : target;
    if (target && !el) throw new Error("target " + target + " not found");
    if (!el) {
      if (!me || me.parentNode === d.head) throw new Error("no target");
      el = d.createElement("thankyou-page");
      me.parentNode.insertBefore(el, me.nextSibling);
    }
    return el;
  }

  // A target further down may not be parsed yet when the answer arrives.
  function parsed(value) {
    return d.readyState !== "loading" ? value : new Promise0(function (resolve) {
      d.addEventListener("DOMContentLoaded", function () { resolve(value); });
    });
  }


  // Events: once per kind, block and detail, batched per action token and
  // sent when the page is hidden or left (beacons need no CORS preflight).
  var queue = {}, sent = {}, tokens = {};
  function send(token, type, block, detail) {
    var key = [token, type, block, detail].join(" "), list;
    if (!token || !type || sent[key]) return;
    sent[key] = 1;
    list = queue[token] = queue[token] || array();
    list.push({ type: type, block: block || undefined, detail: detail || undefined });
    if (list.length > 19) flush();
  }
  function flush() {
    Object.keys(queue).forEach(function (token) {
      var url = base + "/api/v1/events", body = stringify({ action_token: token, events: queue[token] });
      try {
        if (!w.navigator.sendBeacon(url, body)) throw 0;
      } catch (e) {
        fetch0.call(w, url, { method: "POST", body: body, keepalive: true }).catch(warn);
      }
    });
    queue = {};
  }
  d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") flush(); });
  w.addEventListener("pagehide", flush);

  function blockOf(el) { return el && el.closest("[data-block]"); }

  function watch(root, data) {
    var token = data.action_token;
    var io = w.IntersectionObserver && new w.IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          send(token, "view");
          send(token, "block_view", entry.target.getAttribute("data-block"));
          io.unobserve(entry.target);
        }
      });
    }, { threshold: 0.5 });
    [].forEach.call(root.querySelectorAll("[data-block]"), function (el) {
      tokens[el.getAttribute("data-block")] = token;
      if (io) io.observe(el);
    });
  }

  // For block scripts: thankyou.track("answer", blockId, "q1:2") counts once per order.
  function track(type, block, detail) {
    try { send(tokens[block], type, block, detail); } catch (e) { warn("track: " + e.message); }
  }

  function wire(root, data) {
    root.__thankyou = data;
    watch(root, data);
    [].forEach.call(root.querySelectorAll("section"), function (el) { ask(el, data); });
    if (!root.__wired) listen(root);
    root.__wired = 1;
    activate(root);
    (data.scripts || []).forEach(function (src) {
      if (loaded[src]) return;
      loaded[src] = 1;
      var s = d.createElement("script");
      s.src = policy ? policy.createScriptURL(src) : src;
      s.async = true;
      if (me && me.nonce) s.nonce = me.nonce;
      d.head.appendChild(s);
    });
  }

  // Clicks inside the content are counted; "Not now" ([data-dismiss]) puts a
  // call to action off for the next. Once per shadow root, whatever is
  // rendered into it later (root.__thankyou).
  function listen(root) {
    root.addEventListener("click", function (event) {
      var t = event.target, link = t.closest("a,button"), section = blockOf(link), data = root.__thankyou;
      var dismiss = t.closest("[data-dismiss]"), id;
      if (section) {
        id = section.getAttribute("data-block");
        send(data.action_token, link.href && link.href.indexOf(base + "/d/") === 0 ? "download"
          : section.getAttribute("data-type") === "video" ? "video_play"
          : (data.calls_to_action || []).indexOf(id) < 0 ? "" : "click", id);
      }
      if (dismiss) {
        section.hidden = true;
        // The focus was on the button just hidden: it goes on to what follows.
        (advance(section) || section.closest(".ty")).focus();
      }
    }, true);
    root.addEventListener("play", function (event) {
      var section = blockOf(event.target);
      if (section) send(root.__thankyou.action_token, "video_play", section.getAttribute("data-block"));
    }, true);
  }


  // A block's form[data-action] posts its answer with the action token to the
  // one actions endpoint (a repeat gets the first answer back); then
  // [data-show=done] or the error code's element is shown and focused, and
  // [data-slot=name] gets the answer's field of that name. Fields named
  // "name.0", "name.1" are sent as an array of numbers. The form's data-track
  // names the event counted ("answer" unless it says otherwise), once per
  // radio button chosen ("1:0" for "name.1"), or once without a detail.
  function ask(section, data) {
    var form = section.querySelector("form[data-action]");
    if (form) form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.__busy) return;
      form.__busy = 1;
      var body = { block: section.getAttribute("data-block"), action_token: data.action_token };
      new w.FormData(form).forEach(function (value, name) {
        var key = name.split(".");
        if (key[1]) (body[key[0]] = body[key[0]] || array())[key[1]] = +value;
        else body[name] = value == "true" || value;
      });
      var id = body.block, track = form.getAttribute("data-track") || "answer";
      var choices = [].map.call(form.querySelectorAll("input[type=radio]:checked"), function (el) {
        var key = el.name.split(".");
        return key[1] ? key[1] + ":" + el.value : el.value;
      });
      post("/api/v1/actions", body, 8000).then(function (result) {
        // Done: the question and "Not now" ([data-ask]) go; the focus stays on the result.
        [].forEach.call(section.querySelectorAll("[data-ask]"), function (el) { el.remove(); });
        show(section, "done", result);
        // Count it, then offer the next waiting call to action.
        (choices.length ? choices : [""]).forEach(function (choice) {
          send(data.action_token, track, id, choice);
        });
        advance(section);
      }, function (e) {
        form.__busy = 0;
        show(section, e.code, {});
      }).catch(function (e) {
        warn("answer: " + e.message);
      });
    });
  }

  // The next call to action waiting (lowest data-cta-waiting) follows the one
  // completed or dismissed ("Not now"); return it if there is one.
  function advance(section) {
    var next = [].reduce.call(section.parentNode.querySelectorAll("[data-cta-waiting]"), function (a, b) {
      return a && +a.getAttribute("data-cta-waiting") < +b.getAttribute("data-cta-waiting") ? a : b;
    }, null);
    if (next) {
      next.removeAttribute("data-cta-waiting");
      next.hidden = false;
    }
    return next;
  }

  function show(section, state, result) {
    result = result || {};
    if (!section.querySelector('[data-show="' + state + '"]')) state = "error";
    [].forEach.call(section.querySelectorAll("[data-show],[data-slot]"), function (el) {
      var slot = el.getAttribute("data-slot");
      if (slot) {
        if (result[slot] != null) el.textContent = result[slot];  // text or a number
        el.hidden = !el.textContent;
      } else if (!(el.hidden = el.getAttribute("data-show") != state)) el.focus();
    });
  }

  // A block's behaviour script calls thankyou.behave(type, fn); fn(section, data)
  // runs once for each section of that type, whichever arrives first.
  var roots = [];
  function activate(root) {
    if (roots.indexOf(root) < 0) roots.push(root);
    var sections = root.querySelectorAll("[data-type]");
    for (var i = 0; i < sections.length; i++) {
      var el = sections[i], fn = behaviours[el.getAttribute("data-type")];
      if (fn && !el.__thankyou) {
        el.__thankyou = 1;
        try { fn(el, root.__thankyou); } catch (e) { warn("block " + el.getAttribute("data-type") + ": " + e.message); }
      }
    }
  }

  function behave(type, fn) {
    behaviours[type] = fn;
    roots.forEach(activate);
  }

  function render(options) {
    options = options || {};
    return Promise0.resolve().then(function () {
      return post("/api/v1/render", { token: options.token }, +options.timeout || 4000);
    }).then(parsed).then(function (data) {
      if (!data) return warn("no page for this order"), null;
      if (typeof data.html !== "string" || typeof data.css !== "string") throw new Error("unexpected response");
      var host = hostFor(options.target);
      var root = host.shadowRoot || host.attachShadow({ mode: "open" });
      var sheet = new w.CSSStyleSheet();  // not subject to the host's style-src
      sheet.replaceSync(data.css);
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = policy ? policy.createHTML(data.html) : data.html;
      try { wire(root, data); } catch (e) { warn("shown, but not interactive: " + e.message); }
      return host;
    }).catch(function (e) {
      warn("not shown: " + e.message);
      return null;
    });
  }

  var api = function (method) { return api[method] && api[method].apply(api, [].slice.call(arguments, 1)); };
  api.render = render;
  api.behave = behave;
  api.track = track;
  try {
    var queued = w.thankyou && w.thankyou.q;
    // A second copy of the script keeps the first's API (and its Trusted Types policy).
    if (!(w.thankyou && w.thankyou.render)) {
      w.thankyou = api;
      // What the page's Content Security Policy refuses us, with the fix.
      d.addEventListener("securitypolicyviolation", function (e) {
        if (!e.blockedURI.indexOf(base)) warn("add " + base + " to your CSP's " + e.effectiveDirective);
      });
    }
    // The tag's data-token, data-target and data-timeout; the same tag twice
    // (a tag manager firing twice): only the first shows the page.
    var tag = me.dataset;
    if (tag.token && d.querySelector('script[data-token="' + tag.token + '"]') == me) render(tag);
    for (var i = 0; queued && i < queued.length; i++) api.apply(null, queued[i]);
  } catch (e) {
    warn("not started: " + e.message);
  }
})(window, document);
