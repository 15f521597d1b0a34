// Review queue keyboard shortcuts: j/k move, a accept, r reject, c correct.
// No third-party code; the forms work without this script too.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("li.queued"));
  var at = 0;
  function select(i) {
    if (!items.length) { return; }
    items[at].classList.remove("current");
    at = Math.max(0, Math.min(items.length - 1, i));
    items[at].classList.add("current");
    items[at].scrollIntoView({block: "nearest"});
  }
  function press(selector) {
    var button = items[at] && items[at].querySelector(selector);
    if (button) { button.click(); }
  }
  document.addEventListener("keydown", function (event) {
    var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (typing) {
      if (event.key === "Enter" && event.target.classList.contains("correct-value")) {
        event.preventDefault();
        press("button.correct");
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "j") { select(at + 1); }
    else if (event.key === "k") { select(at - 1); }
    else if (event.key === "a") { press("button.accept"); }
    else if (event.key === "r") { press("button.reject"); }
    else if (event.key === "c") {
      var input = items[at] && items[at].querySelector("input.correct-value");
      if (input) { event.preventDefault(); input.focus(); }
    }
  });
})();
