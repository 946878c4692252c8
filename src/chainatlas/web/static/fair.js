/* Fair pages: poll the schedule job and show its progress; reload the page when the new schedule is stored;
   print the agenda. No build step, no inline script (the pages' CSP allows only 'self'). */
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  /* What the run means for the organiser: how many meetings, and how close to the best possible schedule. */
  function outcome(box, r) {
    var gap = Math.max(0, 100 * r.gap);
    var best = r.status === "optimal" || gap < 0.005;
    var values = { meetings: r.meetings, gap: gap.toFixed(gap < 1 ? 2 : 1), seconds: Math.round(r.seconds) };
    return fill(best ? box.dataset.doneBest : box.dataset.doneNear, values);
  }

  function show(box, job) {
    var bar = document.getElementById("schedule-bar");
    var text = document.getElementById("schedule-text");
    var button = document.getElementById("schedule-button");
    box.hidden = false;
    if (job.state === "running") {
      bar.value = Math.min(99, 100 * Math.max(job.fraction || 0, job.elapsed / Math.max(job.time_limit, 1)));
      text.textContent = box.dataset.running + " " + fill(box.dataset.seconds, { n: job.elapsed.toFixed(0) + " / " + job.time_limit.toFixed(0) });
      if (button) { button.disabled = true; }
      return true;
    }
    if (button) { button.disabled = false; }
    bar.value = 100;
    if (job.state === "done" && job.result) {
      text.textContent = outcome(box, job.result);
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
