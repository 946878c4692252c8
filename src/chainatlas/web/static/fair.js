/* Fair pages: poll the schedule job and show its progress; reload the page when the new schedule is stored;
   print the agenda. No build step, no inline script (the pages' CSP allows only 'self'). */
(function () {
  "use strict";

  function show(box, job) {
    var bar = document.getElementById("schedule-bar");
    var text = document.getElementById("schedule-text");
    var button = document.getElementById("schedule-button");
    box.hidden = false;
    if (job.state === "running") {
      bar.value = Math.min(99, 100 * Math.max(job.fraction || 0, job.elapsed / Math.max(job.time_limit, 1)));
      text.textContent = box.dataset.running + " " + job.elapsed.toFixed(0) + " / " + job.time_limit.toFixed(0) + " s" + (job.note ? " · " + job.note : "");
      if (button) { button.disabled = true; }
      return true;
    }
    if (button) { button.disabled = false; }
    bar.value = 100;
    if (job.state === "done" && job.result) {
      var r = job.result;
      text.textContent = box.dataset.done + " " + r.meetings + " · " + r.objective + " / " + r.upper_bound + " (gap " + (100 * r.gap).toFixed(2) + " %) · " + r.status + " · " + r.seconds + " s";
    } else if (job.state === "failed") {
      text.textContent = box.dataset.failed + " " + (job.error || "");
    }
    return false;
  }

  function poll(box, wasRunning) {
    fetch(box.dataset.status, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job || job.state === "none") { return; }
        var running = show(box, job);
        if (running) {
          window.setTimeout(function () { poll(box, true); }, 1000);
        } else if (job.state === "done" && (wasRunning || new URLSearchParams(window.location.search).has("started"))) {
          window.location.replace(window.location.pathname + "#schedule");  // the stored schedule, fresh
        }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("schedule-progress");
    if (box) { poll(box, false); }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
