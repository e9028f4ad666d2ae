// Move focus to the error summary so screen readers announce it (GOV.UK pattern),
// or, on a page with no mistakes, to a question it asks first (data-focus-on-load:
// the check page's "Is this right?").
// Without JavaScript the summary is still first in the page and has role="alert".
(function () {
  var target =
    document.getElementById("error-summary") || document.querySelector("[data-focus-on-load]");
  if (target) {
    target.focus();
  }
})();
