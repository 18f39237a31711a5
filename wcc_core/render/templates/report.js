// Filters of the briefing: hide verified, only problems, one competency or component.
// Rows carry data-verified / data-problem / data-group; sections carry data-section-group.
(function () {
  "use strict";
  var hideVerified = document.getElementById("filter-hide-verified");
  var onlyProblems = document.getElementById("filter-only-problems");
  var group = document.getElementById("filter-group");
  var count = document.getElementById("filter-count");

  function apply() {
    var g = group.value, shown = 0, total = 0;
    document.querySelectorAll("[data-filter]").forEach(function (el) {
      var show = true;
      if (hideVerified.checked && el.getAttribute("data-verified") === "1") { show = false; }
      if (onlyProblems.checked && el.getAttribute("data-problem") !== "1") { show = false; }
      if (g && el.getAttribute("data-group") !== g) { show = false; }
      el.hidden = !show;
      total += 1;
      if (show) { shown += 1; }
    });
    document.querySelectorAll("[data-section-group]").forEach(function (el) {
      el.hidden = Boolean(g) && el.getAttribute("data-section-group") !== g;
    });
    // A heading whose every part is filtered out goes too, rather than standing empty.
    ["governance", "competencies"].forEach(function (id) {
      var section = document.getElementById(id);
      var parts = section ? section.querySelectorAll("[data-section-group]") : [];
      if (parts.length) {
        section.hidden = Array.prototype.every.call(parts, function (el) { return el.hidden; });
      }
    });
    // "N more focus areas" counts what the filters leave in the appendix.
    document.querySelectorAll(".more-count").forEach(function (el) {
      var list = el.closest("details");
      var left = list.querySelectorAll('li[data-filter="focus"]:not([hidden])').length;
      el.textContent = String(left);
      list.hidden = left === 0;
    });
    count.value = (hideVerified.checked || onlyProblems.checked || g)
      ? "showing " + shown + " of " + total + " rows" : "";
  }

  [hideVerified, onlyProblems, group].forEach(function (el) { el.addEventListener("change", apply); });
  apply();
}());
