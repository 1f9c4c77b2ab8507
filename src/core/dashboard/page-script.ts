/**
 * The dashboard's table script, inlined in every page: the overview's filters (hide the rows of
 * table#models whose text does not contain the query, or whose owners, incident severity or health
 * do not match the selects) and sortable tables (a button in each header
 * of a `table.sortable`; cells sort by `data-sort` when present, numerically when it is a number).
 * No network, no storage: it works from file://.
 */
export const PAGE_SCRIPT = `
(function () {
  var filter = document.getElementById("filter");
  if (filter) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#models tbody tr"));
    var count = document.getElementById("filter-count");
    var owner = document.getElementById("f-owner"), severity = document.getElementById("f-severity"), status = document.getElementById("f-status");
    var apply = function () {
      var q = filter.value.trim().toLowerCase();
      var o = owner ? owner.value : "", s = severity ? severity.value : "", h = status ? status.value : "";
      var shown = 0;
      rows.forEach(function (r) {
        var owners = (r.getAttribute("data-owners") || "").split(" ");
        var match = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!o || owners.indexOf(o) >= 0) &&
          (!s || r.getAttribute("data-severity") === s) && (!h || r.getAttribute("data-health") === h);
        r.hidden = !match;
        if (match) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " models shown";
    };
    filter.addEventListener("input", apply);
    [owner, severity, status].forEach(function (sel) { if (sel) sel.addEventListener("change", apply); });
  }
  function key(cell) {
    var s = cell.getAttribute("data-sort");
    if (s === null) s = cell.textContent.trim().toLowerCase();
    var n = Number(s);
    return s !== "" && !isNaN(n) ? n : s;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.querySelectorAll("thead th button"), function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
`;
