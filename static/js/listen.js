// "Listen to this page": reads the page's main content aloud with the browser's own speech synthesis (the Web Speech
// API), with pause, resume and stop. Nothing is loaded from elsewhere. The control is in the HTML with `hidden` and
// is shown only where the browser can speak; without JavaScript or speech it stays hidden.
(function () {
  "use strict";
  var control = document.querySelector("[data-listen]");
  if (!control) return;
  if (!window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") return;

  var synth = window.speechSynthesis;
  var target = document.querySelector(control.getAttribute("data-listen-target") || "main") || document.body;
  var buttons = {
    start: control.querySelector("[data-listen-start]"),
    pause: control.querySelector("[data-listen-pause]"),
    resume: control.querySelector("[data-listen-resume]"),
    stop: control.querySelector("[data-listen-stop]"),
  };
  var status = control.querySelector("[data-listen-status]");
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,summary,blockquote,figcaption,address";
  var SKIP = "[hidden],[aria-hidden='true'],script,style,template,form,button,nav,[data-listen],.print-only";
  var chunks = [];
  var position = 0;
  var state = "stopped";

  // The text of each block of the main content, in reading order; closed <details> are read by their summary only.
  function readChunks() {
    var found = [];
    Array.prototype.forEach.call(target.querySelectorAll(BLOCKS), function (block) {
      if (block.closest(SKIP)) return;
      if (block.parentElement && block.parentElement.closest(BLOCKS)) return; // read once, with its parent block
      var details = block.closest("details");
      if (details && !details.open && !block.closest("summary")) return;
      var text = (block.innerText || block.textContent || "").replace(/\s+/g, " ").trim();
      if (text) found.push(text);
    });
    return found;
  }

  function show(name, on) {
    if (buttons[name]) buttons[name].hidden = !on;
  }

  function setState(next, message) {
    state = next;
    show("start", next === "stopped");
    show("pause", next === "speaking");
    show("resume", next === "paused");
    show("stop", next !== "stopped");
    if (status) status.textContent = message;
  }

  function speakFrom(index) {
    if (state !== "speaking") return;
    if (index >= chunks.length) {
      setState("stopped", "Finished reading the page.");
      if (buttons.start) buttons.start.focus();
      return;
    }
    position = index;
    var utterance = new window.SpeechSynthesisUtterance(chunks[index]);
    utterance.lang = document.documentElement.lang || "en-GB";
    utterance.onend = function () {
      if (state === "speaking" && position === index) speakFrom(index + 1);
    };
    utterance.onerror = utterance.onend;
    synth.speak(utterance);
  }

  buttons.start.addEventListener("click", function () {
    synth.cancel();
    chunks = readChunks();
    setState("speaking", "Reading the page aloud.");
    speakFrom(0);
    if (buttons.pause) buttons.pause.focus();
  });
  buttons.pause.addEventListener("click", function () {
    synth.pause();
    setState("paused", "Paused.");
    if (buttons.resume) buttons.resume.focus();
  });
  buttons.resume.addEventListener("click", function () {
    setState("speaking", "Reading the page aloud.");
    synth.resume();
    if (buttons.pause) buttons.pause.focus();
  });
  buttons.stop.addEventListener("click", function () {
    setState("stopped", "Stopped.");
    synth.cancel();
    if (buttons.start) buttons.start.focus();
  });
  // Leaving the page stops the voice (browsers may otherwise keep talking).
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });

  setState("stopped", "");
  control.hidden = false;
})();
