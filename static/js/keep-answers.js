// The first screen's answers, kept in this tab only (sessionStorage, gone when
// the tab closes), so that Back from the next page shows them again even where
// the browser does not restore the form itself (the fields have
// autocomplete="off", so no lab value goes into the browser's lasting form history).
// Nothing is sent anywhere; without JavaScript the next page still holds every answer.
// It also does what focus-errors.js does on other pages (one request fewer here):
// focus moves to the error summary so screen readers announce it.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  var form = document.querySelector("form[data-keep-answers]");
  if (!form || !window.sessionStorage) {
    return;
  }
  var key = "b2m-answers:" + form.getAttribute("data-keep-answers");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }

  form.addEventListener("submit", function () {
    var saved = {};
    fields().forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) {
          saved[el.name + "=" + el.value] = true;
        }
      } else {
        saved[el.name] = el.value;
      }
    });
    try {
      sessionStorage.setItem(key, JSON.stringify(saved));
    } catch (e) {
      // Storage full or refused: the next page still holds every answer.
    }
  });

  function restore() {
    var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (!navigation || navigation.type !== "back_forward") {
      return;
    }
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved) {
      return;
    }
    var typed = fields().some(function (el) {
      return (el.type === "text" || el.type === "date") && el.value;
    });
    if (typed) {
      return; // the browser restored the form itself
    }
    fields().forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = Boolean(saved[el.name + "=" + el.value]);
      } else if (Object.prototype.hasOwnProperty.call(saved, el.name)) {
        el.value = saved[el.name];
      }
    });
  }

  restore();
})();
