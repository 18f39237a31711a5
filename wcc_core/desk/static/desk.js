// The review desk's keys and decisions. Hand-written, no library; served by the desk
// itself (the Content-Security-Policy allows no other script). Decisions are POSTed as
// JSON with the page's CSRF token; the answer carries the changed parts of the page,
// rendered (and escaped) by the server's own templates.
(function () {
  "use strict";
  var csrf = document.querySelector("meta[name=csrf]").content;
  var base = document.querySelector("meta[name=base]").content;
  var unit = document.body.getAttribute("data-unit");
  var filters = {check: "filter-check", undecided: "filter-undecided", challenge: "filter-challenge"};
  var current = null;

  function say(text, bad) {
    var box = document.getElementById("status");
    box.textContent = text;
    box.className = bad ? "bad" : "good";
  }

  function visibleItems() {
    return Array.prototype.filter.call(document.querySelectorAll("main .item"), function (e) {
      return e.getClientRects().length > 0;
    });
  }

  function select(item) {
    if (current) { current.classList.remove("current"); }
    current = item;
    if (item) {
      item.classList.add("current");
      item.scrollIntoView({block: "nearest"});
      history.replaceState(null, "", "#" + item.id);
    }
  }

  function move(step) {
    var items = visibleItems();
    if (!items.length) { return; }
    var at = items.indexOf(current);
    select(items[Math.max(0, Math.min(items.length - 1, at < 0 ? 0 : at + step))]);
  }

  function moveUnit(step) {
    var units = Array.prototype.filter.call(document.querySelectorAll("#nav .unit"), function (e) {
      return e.getClientRects().length > 0;
    });
    var at = units.findIndex(function (u) { return u.classList.contains("current-unit"); });
    var next = units[at + step];
    if (next) { window.location = next.querySelector("a").href; }
  }

  function applyFilters() {
    Object.keys(filters).forEach(function (name) {
      var box = document.getElementById(filters[name]);
      document.body.classList.toggle("only-" + name, box.checked);
      sessionStorage.setItem("wcc-filter-" + name, box.checked ? "1" : "");
    });
    if (current && current.getClientRects().length === 0) { select(null); }
  }

  function post(path, body) {
    return fetch(base + path, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return {status: response.status, data: data}; });
    });
  }

  function replaceHtml(id, html) {
    var node = document.getElementById(id);
    if (node && html !== undefined) { node.innerHTML = html; }
  }

  function update(data) {
    replaceHtml("nav", data.nav);
    replaceHtml("head", data.head);
    replaceHtml("signposts", data.signposts);
    if (data.line && data.line_id) {
      var old = document.getElementById("line-" + data.line_id);
      if (old) {
        var holder = document.createElement("ol");
        holder.innerHTML = data.line;
        var fresh = holder.firstElementChild;
        old.replaceWith(fresh);
        if (current === old) { current = null; select(fresh); }
      }
    }
    if (current && !document.body.contains(current)) { current = null; }
  }

  function askWho() {
    return new Promise(function (resolve) {
      var dialog = document.getElementById("who-dialog");
      var input = document.getElementById("who-input");
      dialog.onclose = function () {
        var name = input.value.trim();
        if (!name) { resolve(false); return; }
        post("/api/who", {name: name}).then(function (r) {
          if (r.status === 200) { document.getElementById("who-name").textContent = r.data.who; resolve(true); }
          else { say(r.data.error, true); resolve(false); }
        });
      };
      dialog.showModal();
      input.focus();
    });
  }

  function send(path, body, retried) {
    return post(path, body).then(function (r) {
      if (r.status === 200) { update(r.data); say("saved: " + (body.line || body.key + " #" + body.index)); return; }
      if (r.data.ask === "who" && !retried) {
        return askWho().then(function (ok) { if (ok) { return send(path, body, true); } });
      }
      if (r.status === 409) {
        update(r.data);
        var item = body.line ? document.getElementById("line-" + body.line) : null;
        var version = item ? item.getAttribute("data-version") : "";
        if (window.confirm(r.data.conflict + ". Overwrite it with yours?")) {
          body.expected = version;
          return send(path, body, true);
        }
        say("kept the other decision: " + r.data.conflict, true);
        return;
      }
      say(r.data.error || ("refused (" + r.status + ")"), true);
    }).catch(function () { say("the desk did not answer; nothing was saved", true); });
  }

  function decide(item, value) {
    if (!item) { return; }
    if (item.getAttribute("data-kind") === "signpost") {
      if (value === "accept") {
        send("/api/signpost", {unit: unit, key: item.getAttribute("data-key"),
          index: Number(item.getAttribute("data-index")), value: "accept",
          expected: item.getAttribute("data-version")});
      }
      return;
    }
    var line = item.getAttribute("data-line");
    var because = item.querySelector("input.because").value;
    var expected = item.getAttribute("data-version");
    if (value === "withdraw") {
      send("/api/withdraw", {unit: unit, line: line, expected: expected});
    } else if (value !== "accept") {
      send("/api/decide", {unit: unit, line: line, value: value, because: because, expected: expected});
    }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.matches && target.matches("input.because")) {
      if (event.key === "Escape") { target.blur(); }
      if (event.key === "Enter") {
        var item = target.closest(".item");
        var decided = item.querySelector(".decision b");
        target.blur();
        if (decided) { decide(item, {"met": "met", "not met": "not_met", "no evidence": "no_evidence"}[decided.textContent]); }
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || (target.matches && target.matches("input, textarea"))) { return; }
    var keys = {j: function () { move(1); }, k: function () { move(-1); },
      m: function () { decide(current, "met"); }, n: function () { decide(current, "not_met"); },
      e: function () { decide(current, "no_evidence"); }, a: function () { decide(current, "accept"); },
      r: function () { var box = current && current.querySelector("input.because"); if (box) { box.focus(); } },
      "]": function () { moveUnit(1); }, "[": function () { moveUnit(-1); }};
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("main .item button[data-value]");
    if (button) { var item = button.closest(".item"); select(item); decide(item, button.getAttribute("data-value")); return; }
    var item = event.target.closest("main .item");
    if (item && !event.target.closest("a, input")) { select(item); }
  });

  document.getElementById("who-change").addEventListener("click", function () { askWho(); });
  Object.keys(filters).forEach(function (name) {
    var box = document.getElementById(filters[name]);
    box.checked = sessionStorage.getItem("wcc-filter-" + name) === "1";
    box.addEventListener("change", applyFilters);
  });
  applyFilters();
  var start = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  select(start && start.classList.contains("item") ? start : visibleItems()[0] || null);
}());
