/* The one HTML escape every chart uses: ECharts puts what a tooltip formatter returns into the page as HTML,
   so every value from the data (names, units, periods, labels) goes through ChainAtlas.esc first.
   Load this file before the chart scripts (they read it when they start). */
(function () {
  "use strict";

  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  window.ChainAtlas = window.ChainAtlas || {};
  window.ChainAtlas.esc = function (value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  };
})();
