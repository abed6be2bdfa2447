// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  if (!document.querySelector || !("classList" in document.documentElement)) return;
  document.documentElement.className += " js-enabled";

  // 1. Move focus to an error summary so screen reader and keyboard users hear the problems first.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
    // Error links jump to the field itself (not just scroll), and bring its label into view.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var group = input.closest(".form-group, fieldset") || input;
      group.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  // 2. Character count for <textarea data-maxlength="N">: a polite live message under the box.
  var boxes = document.querySelectorAll("textarea[data-maxlength]");
  Array.prototype.forEach.call(boxes, function (box) {
    var max = parseInt(box.getAttribute("data-maxlength"), 10);
    if (!(max > 0)) return;
    var id = (box.id || "textarea") + "-count";
    var message = document.getElementById(id);
    if (!message) {
      message = document.createElement("div");
      message.id = id;
      message.className = "hint character-count";
      box.parentNode.insertBefore(message, box.nextSibling);
    }
    message.setAttribute("aria-live", "polite");
    var described = (box.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(id) === -1) {
      described.push(id);
      box.setAttribute("aria-describedby", described.join(" "));
    }
    var timer = null;
    function update() {
      var left = max - box.value.length;
      var over = left < 0;
      var count = Math.abs(left);
      var shown = count.toLocaleString ? count.toLocaleString("en-GB") : String(count);
      message.textContent = over
        ? "You have " + shown + " character" + (count === 1 ? "" : "s") + " too many"
        : "You have " + shown + " character" + (count === 1 ? "" : "s") + " remaining";
      message.classList.toggle("character-count--error", over);
      box.classList.toggle("textarea--error", over || box.classList.contains("textarea--server-error"));
    }
    if (box.classList.contains("textarea--error")) box.classList.add("textarea--server-error");
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
    update();
  });

  // 3. Printing: open every <details> so nothing is left out of the printed page, then restore.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });

  // 4. "Filter results": the filters are the side panel on a wide screen (open) and fold away on a phone.
  var panels = document.querySelectorAll("[data-module='filter-panel']");
  if (panels.length && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 769px)");
    var place = function () {
      Array.prototype.forEach.call(panels, function (panel) {
        if (wide.matches) panel.setAttribute("open", "");
      });
    };
    place();
    if (wide.addEventListener) wide.addEventListener("change", place);
  }

  // 5. After filtering (a results page reached by the form, no errors), start at the results heading.
  var resultsHeading = document.querySelector("[data-results-heading]");
  if (resultsHeading && !summary && window.location.search && !/^#(?!results$)./.test(window.location.hash)) {
    resultsHeading.focus();
  }

  // 6. "Print this list": a button only where JavaScript can press Print (without it, the page says how).
  Array.prototype.forEach.call(document.querySelectorAll("[data-module='print-page']"), function (button) {
    button.removeAttribute("hidden");
    button.addEventListener("click", function () { window.print(); });
  });
})();
