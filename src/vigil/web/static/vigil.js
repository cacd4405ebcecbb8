// Vigil: drop files on the upload form; the form itself posts them (one request, a job).
// No inline script, no eval.
"use strict";
(function () {
  function setup() {
    var form = document.getElementById("upload");
    if (!form) { return; }
    var drop = document.getElementById("drop");
    var input = document.getElementById("files");
    var chosen = document.getElementById("chosen");

    function show() {
      var n = input.files ? input.files.length : 0;
      // The page's words, in its language (data-said); English without them.
      var words = chosen.getAttribute("data-said") || "file(s) chosen.";
      chosen.textContent = n ? n + " " + words : "";
    }

    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
