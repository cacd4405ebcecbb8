// Vigil review queue: keyboard shortcuts. j/k move, a accept, e edit, r reject, s skip.
// Loaded by review.html only. No inline script, no eval; decisions are the page's own forms.
"use strict";
(function () {
  function setup() {
    var queue = document.getElementById("queue");
    if (!queue) { return; }
    var current = null;

    function items() { return Array.prototype.slice.call(queue.querySelectorAll(".review-item")); }

    function select(item, focus) {
      if (current) { current.classList.remove("current"); current.removeAttribute("aria-current"); }
      current = item || null;
      if (!current) { return; }
      current.classList.add("current");
      current.setAttribute("aria-current", "true");
      if (focus) {
        current.focus({ preventScroll: true });
        current.scrollIntoView({ block: "nearest" });
      }
    }

    function move(step) {
      var list = items();
      if (!list.length) { return; }
      var at = list.indexOf(current);
      var next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + step));
      select(list[next], true);
    }

    function nextWaiting(from) {
      var list = items();
      var at = list.indexOf(from);
      for (var i = at + 1; i < list.length; i += 1) {
        if (list[i].dataset.state === "suggested") { return list[i]; }
      }
      return list[Math.min(Math.max(at, 0), list.length - 1)] || null;
    }

    function submit(selector) {
      if (!current) { return; }
      var button = current.querySelector(selector);
      if (button) { button.click(); }
    }

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) { return; }
      var target = e.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" ||
        target.tagName === "TEXTAREA" || target.isContentEditable);
      if (typing) {
        if (e.key === "Escape" && current) { current.focus(); }
        return;
      }
      if (!current) { select(items()[0], false); }
      switch (e.key) {
        case "j": move(1); break;
        case "k": move(-1); break;
        case "s": select(nextWaiting(current), true); break;
        case "a": submit("button.accept"); break;
        case "r": submit("button.reject"); break;
        case "e": {
          var input = current && current.querySelector(".edit [aria-keyshortcuts=e]");
          if (input) { input.focus(); input.select(); }
          break;
        }
        default: return;
      }
      e.preventDefault();
    });

    // After htmx swaps a decided item in, keep the place and go on to the next waiting one.
    document.body.addEventListener("htmx:afterSwap", function (e) {
      var item = e.target && e.target.closest ? e.target.closest(".review-item") : null;
      if (!item || !document.body.contains(item)) { return; }
      current = item;
      select(nextWaiting(item), true);
    });

    queue.addEventListener("click", function (e) {
      var item = e.target.closest && e.target.closest(".review-item");
      if (item && item !== current) { select(item, false); }
    });

    select(items()[0], false);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
