"use strict";
(function () {
  var table = document.getElementById("customer-table");
  if (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (cell) {
      var d = cell.querySelector("data");
      if (cell.hasAttribute("data-v")) { return parseFloat(cell.getAttribute("data-v")); }
      if (d) { return d.value === "" ? null : parseFloat(d.value); }
      return cell.textContent.trim().toLowerCase();
    };
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          if (x === y) { return 0; }
          if (x === null) { return 1; }
          if (y === null) { return -1; }
          return (x < y ? -1 : 1) * (down ? -1 : 1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
    var box = document.getElementById("filters");
    var chooser = function (label, attr) {
      var values = [];
      rows.forEach(function (r) { var v = r.getAttribute(attr); if (values.indexOf(v) < 0) { values.push(v); } });
      values.sort();
      var wrap = document.createElement("label");
      wrap.textContent = label + " ";
      var sel = document.createElement("select");
      sel.setAttribute("data-attr", attr);
      var all = document.createElement("option");
      all.value = ""; all.textContent = box.getAttribute("data-all");
      sel.appendChild(all);
      values.forEach(function (v) { var o = document.createElement("option"); o.value = v; o.textContent = v; sel.appendChild(o); });
      wrap.appendChild(sel);
      box.appendChild(wrap);
      return sel;
    };
    if (box) {
      var selects = [chooser(box.getAttribute("data-status"), "data-s"), chooser(box.getAttribute("data-segment"), "data-g")];
      var count = document.createElement("output");
      box.appendChild(count);
      var apply = function () {
        var n = 0;
        rows.forEach(function (r) {
          var show = selects.every(function (s) { return !s.value || r.getAttribute(s.getAttribute("data-attr")) === s.value; });
          r.hidden = !show;
          if (show) { n += 1; }
        });
        count.textContent = n + " / " + rows.length + " " + box.getAttribute("data-shown");
      };
      selects.forEach(function (s) { s.addEventListener("change", apply); });
      apply();
    }
  }
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
}());
