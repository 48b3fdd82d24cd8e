// Live check: the same server check as the Check button, run a moment after typing stops.
// Optional by design: without JavaScript the buttons do everything.
(function () {
  "use strict";
  var form = document.getElementById("submission-form");
  var out = document.getElementById("live-findings");
  if (!form || !out || !window.fetch || !window.FormData) { return; }
  var timer = null;
  var running = false;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function show(data) {
    out.textContent = "";
    var s = data.summary || { errors: 0, warnings: 0, suggestions: 0 };
    out.appendChild(text("h2", "Live check: " + s.errors + " errors, " + s.warnings + " warnings, " + s.suggestions + " suggestions"));
    var list = document.createElement("ul");
    list.className = "finding-list";
    (data.findings || []).forEach(function (f) {
      var where = f.body_line ? "line " + f.body_line + ", column " + f.column : "the fields";
      var item = text("li", "", "finding " + f.severity);
      item.appendChild(text("strong", f.severity));
      item.appendChild(document.createTextNode(" " + where + " [" + f.rule + "]: " + f.message));
      if (f.fix) { item.appendChild(text("span", "What to do: " + f.fix, "fix")); }
      list.appendChild(item);
    });
    out.appendChild(list);
  }

  function check() {
    if (running) { schedule(); return; }
    running = true;
    var data = new FormData(form);
    data.set("action", "check");
    data.delete("pictures");
    fetch(form.getAttribute("data-live-check"), {
      method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) { return r.json(); }).then(function (json) {
      if (json.findings) { show(json); }
    }).catch(function () { /* the buttons still work */ }).then(function () { running = false; });
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 1200);
  }

  form.addEventListener("input", schedule);
})();
