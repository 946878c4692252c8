/* The menu button of narrow screens: it opens and closes the menu. Without this script the menu stays open.
   The cluster picker shows the chosen cluster at once (without this script, its button does). */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var picker = document.querySelector(".cluster-picker select");
    if (picker) {
      picker.form.querySelector("button").hidden = true;
      picker.addEventListener("change", function () { picker.form.submit(); });
    }
    var nav = document.querySelector(".topnav");
    var button = nav && nav.querySelector(".menu-button");
    if (!button) { return; }
    nav.classList.add("menu-ready");
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();
