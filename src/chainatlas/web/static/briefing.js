/* The briefing page: while a briefing job runs, look again every two seconds (the page shows its state). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var job = document.getElementById("briefing-job");
    if (job && job.dataset.state === "running") {
      window.setTimeout(function () { window.location.reload(); }, 2000);
    }
  });
})();
