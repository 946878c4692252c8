/* The enterprise picker of the record forms: typing a name (or an id) fills the field's <datalist> with the
   matching enterprises from the API's name search; the field keeps the chosen enterprise's id. */
(function () {
  "use strict";

  var english = document.documentElement.lang === "en";

  function fill(list, items) {
    list.textContent = "";
    items.forEach(function (firm) {
      var option = document.createElement("option");
      option.value = firm.id;
      option.label = english && firm.name_en ? firm.name_en : firm.name_zh;
      list.appendChild(option);
    });
  }

  function search(input, list) {
    var text = input.value.trim();
    if (!text) return;
    fetch("/api/v1/enterprises?limit=10&q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (page) { fill(list, page.items || []); })
      .catch(function () { /* the field still takes an id typed in full */ });
  }

  document.querySelectorAll('input[data-picker="enterprise"]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input, list); }, 200);
    });
  });
})();
