// Small enhancements for result and share pages; everything works without them.
// - Copy buttons: <button data-copy="input-id" hidden> copies that input's value.
// - Copy buttons: <button data-copy-text="text" hidden> copies that text.
// - Print buttons: <button data-print hidden> opens the browser's print dialog.
// - Printing opens "Details for clinicians" (and closes it again afterwards).
// Buttons start hidden, so without JavaScript nobody sees a button that does nothing.
(function () {
  "use strict";

  function announce(button, text) {
    var section = button.closest("section") || document;
    var status = section.querySelector(".copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  function copyFrom(input, button) {
    var done = function () {
      announce(button, "Copied to the clipboard.");
    };
    var fallback = function () {
      input.focus();
      input.select();
      announce(button, "Selected: press Ctrl+C (or Cmd+C) to copy.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  // <button data-copy-text="..."> copies its own text (the guide's section links).
  document.querySelectorAll("button[data-copy-text]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy-text");
      var done = function () {
        announce(button, "Copied: " + text);
      };
      var fallback = function () {
        announce(button, "Copy this link: " + text);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // A heading marked data-focus-on-load (a link just made) takes focus.
  var focusTarget = document.querySelector("[data-focus-on-load]");
  if (focusTarget) {
    focusTarget.focus();
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyFrom(input, button);
    });
  });

  // Printed, "Details for clinicians" is open (site.css does it where ::details-content
  // is known); the panels opened for print close again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.clinician-details:not([open])").forEach(function (panel) {
      panel.open = true;
      openedForPrint.push(panel);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (panel) {
      panel.open = false;
    });
    openedForPrint = [];
  });

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
