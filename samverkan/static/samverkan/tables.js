// Tables that fit: on a phone every table reads as one card per row (samverkan.css,
// `table.stack`), each cell given its column's name here from the table's header row; on a wide
// screen a long name joined by slashes ("psykiatri/barnmedicin/barnhabilitering") may break after
// each slash, so that it does not push the last column out of sight. Without this script the
// tables scroll sideways inside their own box instead.
"use strict";
function breakAfterSlashes(cell) {
  var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  var texts = [];
  while (walker.nextNode()) {
    if (walker.currentNode.nodeValue.indexOf("/") !== -1) {
      texts.push(walker.currentNode);
    }
  }
  texts.forEach(function (text) {
    var parts = text.nodeValue.split("/");
    var fragment = document.createDocumentFragment();
    parts.forEach(function (part, i) {
      fragment.appendChild(document.createTextNode(i < parts.length - 1 ? part + "/" : part));
      if (i < parts.length - 1) {
        fragment.appendChild(document.createElement("wbr"));
      }
    });
    text.parentNode.replaceChild(fragment, text);
  });
}
document.querySelectorAll("main td, main th").forEach(breakAfterSlashes);
document.querySelectorAll("main table").forEach(function (table) {
  if (table.classList.contains("stack") || !table.tHead) {
    return;
  }
  var names = [];
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
    for (var i = 0; i < cell.colSpan; i++) {
      names.push(cell.textContent.trim());
    }
  });
  Array.prototype.forEach.call(table.tBodies, function (body) {
    Array.prototype.forEach.call(body.rows, function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (names[column] && !cell.hasAttribute("data-label") && cell.colSpan === 1) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan;
      });
    });
  });
  table.classList.add("stack");
});
