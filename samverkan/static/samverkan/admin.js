/* Names Django's admin widgets lack for assistive technology (WCAG 4.1.2):
   - the search-box icons SelectFilter2 draws carry an aria-label on a span without a role, which
     ARIA does not allow: they become images with that name;
   - select2's autocomplete boxes (autocomplete_fields) are named after no label: each box is
     named by its field's label and shows the chosen value after it.
   Widgets come and go (a new inline row, a filter drawn after load): every change is looked at. */
(function () {
  "use strict";

  function labelId(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = select.id + "-label";
    }
    return label.id;
  }

  function nameWidgets() {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const container = select.nextElementSibling;
      const id = labelId(select);
      if (!id || !container || !container.classList.contains("select2")) {
        return;
      }
      const box = container.querySelector(".select2-selection[role=combobox]");
      const shown = container.querySelector(".select2-selection__rendered");
      if (box && shown && box.getAttribute("aria-labelledby") !== id + " " + shown.id) {
        box.setAttribute("aria-labelledby", id + " " + shown.id);
      }
      if (shown && shown.getAttribute("aria-labelledby") !== id) {
        shown.setAttribute("aria-labelledby", id);
      }
    });
  }

  function start() {
    nameWidgets();
    new MutationObserver(nameWidgets).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
