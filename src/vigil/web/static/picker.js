// Vigil: search-as-you-type for fields that take an id. A `.picker[data-pick]` holds the
// input; typing a name asks the JSON endpoint for matches, shown as buttons; choosing one
// puts its id in the input. No inline script, no eval, no HTML from the server.
"use strict";
(function () {
  var WAIT_MS = 200;

  function setup(box) {
    var input = box.querySelector("input");
    var said = box.querySelector(".picked");
    var list = box.querySelector(".pick-list");
    var source = box.getAttribute("data-pick");
    var timer = null;
    var asked = 0;
    // The page's words, in its language (data-said-* on the box); English without them.
    function say(key, english) { return box.getAttribute("data-said-" + key) || english; }

    function hide() { list.hidden = true; list.textContent = ""; }

    function choose(item) {
      input.value = String(item.id);
      said.textContent = say("chosen", "Chosen:") + " " + item.name + " (#" + item.id + ")";
      hide();
      input.focus();
    }

    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "pick";
        button.textContent = item.name;
        var detail = document.createElement("span");
        detail.className = "meta";
        detail.textContent = " #" + item.id + (item.detail ? ", " + item.detail : "");
        button.appendChild(detail);
        button.addEventListener("click", function () { choose(item); });
        button.addEventListener("keydown", function (e) {
          if (e.key === "Escape") { hide(); input.focus(); }
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      said.textContent = items.length
        ? items.length + " " + say("matches", "match(es): Tab to them, Enter to choose.")
        : say("none", "No match.");
    }

    function ask() {
      var words = input.value.trim();
      if (words.length < 2 || /^#?[0-9]+$/.test(words)) { hide(); return; }
      var mine = ++asked;
      var token = box.closest("form") && box.closest("form").querySelector("input[name=csrf]");
      // The name goes in the body, never in an address (history, proxy logs).
      fetch(source, {
        method: "POST", credentials: "same-origin", cache: "no-store",
        headers: { "Accept": "application/json", "X-CSRF-Token": token ? token.value : "" },
        body: new URLSearchParams({ q: words })
      }).then(function (r) {
        return r.ok ? r.json() : [];
      }).then(function (items) {
        if (mine === asked) { show(items); }
      }).catch(function () {
        said.textContent = say("failed", "The search failed; type an id instead.");
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hide(); }
      if (e.key === "ArrowDown" && !list.hidden) {
        e.preventDefault();
        list.querySelector("button").focus();
      }
    });
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll(".picker[data-pick]"), setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
