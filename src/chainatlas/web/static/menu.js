/* The menu button of narrow screens: it opens and closes the menu. Without this script the menu stays open. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
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
