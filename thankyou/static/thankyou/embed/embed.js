/*! Thank-you page embed script, v1. No dependencies; never breaks the host page.
 * <script async src="https://SERVER/embed/v1.js" data-token="JWT"></script>
 * or, for single-page shops: thankyou.render({token: "JWT", target: "#el"}) */
(function (w, d) {
  "use strict";
  // Host pages patch globals; keep the originals from load time.
  var fetch0 = w.fetch, parse = JSON.parse, stringify = JSON.stringify;
  var Ctrl = w.AbortController, timer = w.setTimeout, untimer = w.clearTimeout;
  var me = d.currentScript, base = "", policy = null, loaded = {};
  var behaviours = {};

  function mark(name) {
    try { w.performance.mark("thankyou:" + name); } catch (e) { /* no User Timing */ }
  }
  mark("start");

  function warn(message) {
    try { w.console.warn("[thankyou] " + message); } catch (e) { /* no console */ }
  }

  try {
    base = me.src.replace(/\/embed\/[^/]*$/, "");
    if (w.trustedTypes) {
      policy = w.trustedTypes.createPolicy("thankyou", { createHTML: function (s) { return s; } });
    }
  } catch (e) { /* no policy allowed: innerHTML still works without Trusted Types */ }

  function post(path, body, ms) {
    var ctrl = Ctrl ? new Ctrl() : null;
    var t = timer(function () { if (ctrl) ctrl.abort(); }, ms);
    return fetch0.call(w, base + path, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: stringify(body),
      credentials: "omit",
      signal: ctrl && ctrl.signal
    }).then(function (r) {
      untimer(t);
      if (r.status === 204) return null;
      return r.text().then(function (text) {
        var data = parse(text);
        if (!r.ok) throw { message: r.status + " " + data.code + ": " + data.detail, code: data.code };
        return data;
      });
    }, function (e) {
      untimer(t);
      throw new Error(e && e.name === "AbortError" ? "timed out after " + ms + " ms" : "server unreachable");
    });
  }

  function hostFor(target) {
    var el = typeof target === "string" ? d.querySelector(target) : target;
    if (!el) {
      el = d.createElement("thankyou-page");
      me.parentNode.insertBefore(el, me.nextSibling);
    }
    return el;
  }

  function style(root, css) {
    if (w.CSSStyleSheet && "adoptedStyleSheets" in root) {
      var sheet = new w.CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } else {
      var el = d.createElement("style");
      el.textContent = css;
      root.appendChild(el);
    }
  }

  // Events: once per kind, block and detail, batched per action token and
  // sent when the page is hidden or left (beacons need no CORS preflight).
  var queue = {}, sent = {}, tokens = {};
  function send(token, type, block, detail) {
    var key = [token, type, block, detail].join(" "), list;
    if (!token || !type || sent[key]) return;
    sent[key] = 1;
    list = queue[token] = queue[token] || [];
    list.push({ type: type, block: block || undefined, detail: detail || undefined });
    if (list.length > 19) flush();
  }
  function flush() {
    for (var token in queue) {
      var url = base + "/api/v1/events", body = stringify({ action_token: token, events: queue[token] });
      try {
        if (!w.navigator.sendBeacon(url, body)) throw 0;
      } catch (e) {
        fetch0.call(w, url, { method: "POST", body: body, keepalive: true, credentials: "omit" }).catch(warn);
      }
    }
    queue = {};
  }
  d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") flush(); });
  w.addEventListener("pagehide", flush);

  function watch(root, data) {
    var token = data.action_token, ctas = data.calls_to_action || [];
    function blockOf(el) { return el && el.closest("[data-block]"); }
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
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a,button"), section = blockOf(link), id;
      if (!section) return;
      id = section.getAttribute("data-block");
      send(token, link.href && link.href.indexOf(base + "/d/") === 0 ? "download"
        : section.getAttribute("data-type") === "video" ? "video_play"
        : ctas.indexOf(id) < 0 ? "" : "click", id);
    }, true);
    root.addEventListener("play", function (event) {
      var section = blockOf(event.target);
      if (section) send(token, "video_play", section.getAttribute("data-block"));
    }, true);
  }

  // For block scripts: thankyou.track("answer", blockId, "q1:2") counts once per order.
  function track(type, block, detail) {
    try { send(tokens[block], type, block, detail); } catch (e) { warn("track: " + e.message); }
  }

  // Clicks inside the content: "Not now" ([data-dismiss]) puts a call to action
  // off for the next; a facade's link ([data-embed] a) becomes the third
  // party's player, so nothing is loaded from there before the customer asks.
  function wire(root, data) {
    (data.scripts || []).forEach(function (src) {
      if (loaded[src]) return;
      loaded[src] = 1;
      var s = d.createElement("script");
      s.src = src;
      s.async = true;
      if (me && me.nonce) s.nonce = me.nonce;
      d.head.appendChild(s);
    });
    root.__thankyou = data;
    watch(root, data);
    [].forEach.call(root.querySelectorAll("section"), function (el) { ask(el, data); });
    root.addEventListener("click", function (event) {
      var t = event.target, section = t.closest("[data-dismiss]"), facade = t.closest("[data-embed]"), frame;
      if (section && (section = section.closest("section"))) {
        section.hidden = true;
        // The focus was on the button just hidden: it goes on to what follows.
        (advance(section) || section.closest(".ty")).focus();
      } else if (facade && t.closest("a")) {
        event.preventDefault();
        frame = d.createElement("iframe");
        frame.className = "ty-embed";
        frame.title = facade.getAttribute("data-title");
        frame.allow = facade.getAttribute("data-allow");
        frame.referrerPolicy = "strict-origin-when-cross-origin";
        frame.src = facade.getAttribute("data-embed");
        facade.parentNode.replaceChild(frame, facade);
        frame.focus();
      }
    });
    activate(root);
  }

  // A block's form[data-action] (quiz, survey, newsletter, gift) posts its
  // answer with the action token (a repeat gets the first answer back); then
  // [data-show=done] or the error code's element is shown and focused, and
  // [data-slot=name] gets the answer's field of that name.
  function ask(section, data) {
    var form = section.querySelector("form[data-action]");
    if (form) form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = { block: section.getAttribute("data-block"), action_token: data.action_token };
      new w.FormData(form).forEach(function (value, name) {
        var key = name.split(".");
        if (key[1]) (body[key[0]] = body[key[0]] || [])[key[1]] = +value;
        else body[name] = value == "true" || value;
      });
      var action = form.getAttribute("data-action"), id = body.block;
      post("/api/v1/actions/" + action, body, 8000).then(function (result) {
        // Done: the question and "Not now" ([data-ask]) go; the focus stays on the result.
        [].forEach.call(section.querySelectorAll("[data-ask]"), function (el) { el.remove(); });
        show(section, "done", result);
        // Count it (answers by their choice), then offer the next waiting call to action.
        (body.answers || [body.option]).forEach(function (choice, i) {
          send(data.action_token, { newsletter: "signup", gift: "gift_reveal" }[action] || "answer",
            id, choice == null ? "" : body.answers ? i + ":" + choice : choice);
        });
        advance(section);
      }, function (e) {
        show(section, e.code, {});
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
    if (!section.querySelector('[data-show="' + state + '"]')) state = "error";
    [].forEach.call(section.querySelectorAll("[data-show],[data-slot]"), function (el) {
      var slot = el.getAttribute("data-slot");
      if (slot) {
        if (typeof result[slot] == "string") el.textContent = result[slot];
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
    try {
      options = options || {};
      var ms = +options.timeout || 4000;
      return post("/api/v1/render", { token: options.token }, ms).then(function (data) {
        if (!data) return null;
        if (typeof data.html !== "string" || typeof data.css !== "string") throw new Error("unexpected response");
        var host = hostFor(options.target);
        var root = host.shadowRoot || host.attachShadow({ mode: "open" });
        style(root, data.css);
        root.innerHTML = policy ? policy.createHTML(data.html) : data.html;
        wire(root, data);
        mark("visible");
        return host;
      }).catch(function (e) {
        warn("thank-you page not shown: " + e.message);
        return null;
      });
    } catch (e) {
      warn("thank-you page not shown: " + e.message);
      return w.Promise && w.Promise.resolve(null);
    }
  }

  var api = function (method, options) { return api[method] && api[method](options); };
  api.render = render;
  api.behave = behave;
  api.track = track;
  try {
    var queued = w.thankyou && w.thankyou.q;
    w.thankyou = api;
    if (me && me.getAttribute("data-token")) {
      render({
        token: me.getAttribute("data-token"),
        target: me.getAttribute("data-target"),
        timeout: me.getAttribute("data-timeout")
      });
    }
    for (var i = 0; queued && i < queued.length; i++) api.apply(null, queued[i]);
  } catch (e) {
    warn("not started: " + e.message);
  }
})(window, document);
