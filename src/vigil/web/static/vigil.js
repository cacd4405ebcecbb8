// Vigil: drag and drop upload, one file per request, with progress. No inline script, no eval.
"use strict";
(function () {
  function setup() {
    var form = document.getElementById("upload");
    if (!form) { return; }
    var drop = document.getElementById("drop");
    var input = document.getElementById("files");
    var results = document.getElementById("results");
    var bar = document.getElementById("progress");
    var status = document.getElementById("progress-text");
    var csrf = form.querySelector("input[name=csrf]").value;

    function sendOne(file, done) {
      var data = new FormData();
      data.append("csrf", csrf);
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Vigil-Fragment", "1");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.value = bar.value - (bar.value % 1) + e.loaded / e.total * 0.9; }
      };
      xhr.onload = function () {
        var html = xhr.responseText;
        if (xhr.status !== 200) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var message = doc.querySelector("[role=alert]");
          var li = document.createElement("li");
          li.className = "result rejected";
          li.textContent = file.name + ": " + (message ? message.textContent : "the upload failed");
          results.appendChild(li);
        } else {
          var frag = new DOMParser().parseFromString("<ul>" + html + "</ul>", "text/html");
          Array.prototype.forEach.call(frag.body.firstChild.childNodes, function (node) {
            results.appendChild(document.importNode(node, true));
          });
        }
        done();
      };
      xhr.onerror = function () {
        var li = document.createElement("li");
        li.className = "result rejected";
        li.textContent = file.name + ": the connection failed";
        results.appendChild(li);
        done();
      };
      xhr.send(data);
    }

    function sendAll(files) {
      var list = Array.prototype.slice.call(files);
      if (!list.length) { return; }
      bar.hidden = false;
      bar.max = list.length;
      bar.value = 0;
      var i = 0;
      (function next() {
        if (i >= list.length) {
          status.textContent = list.length + " file(s) processed.";
          bar.value = list.length;
          input.value = "";
          return;
        }
        status.textContent = "Storing " + (i + 1) + " of " + list.length + ": " + list[i].name;
        sendOne(list[i], function () { i += 1; bar.value = i; next(); });
      })();
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); sendAll(input.files); });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) { sendAll(e.dataTransfer.files); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
