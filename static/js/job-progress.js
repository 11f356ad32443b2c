// A background job's admin page: asks the job's status (JSON) every 1.5 s while it runs and updates the bar,
// the counts, the time left and the "no progress" warning; once the job has ended, reloads the page, which
// the server renders with the summary and the errors by row. Without this file a reload shows the same.
"use strict";

(function () {
  const section = document.getElementById("job-progress");
  if (!section || section.dataset.finished === "true") {
    return;
  }
  const bar = document.getElementById("job-progress-bar");
  const field = (name) => section.querySelector(`[data-field="${name}"]`);
  const POLL_MS = 1500;

  function show(status) {
    field("state_label").textContent = status.state_label;
    field("done").textContent = status.done;
    field("total").textContent = status.total || "?";
    field("percent").textContent = status.percent;
    field("error_count").textContent = status.error_count;
    field("elapsed").textContent = status.elapsed;
    field("time_left").textContent = status.time_left || "—";
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
    } else {
      bar.removeAttribute("value"); // not counted yet: an indeterminate bar
    }
    bar.textContent = `${status.percent}%`;
    const stalled = field("stalled");
    stalled.hidden = status.stalled_minutes === null;
    field("stalled_minutes").textContent = status.stalled_minutes ?? "";
  }

  async function poll() {
    try {
      const response = await fetch(section.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.redirected || response.status === 403 || response.status === 404) {
        return; // signed out, no longer allowed, or the job deleted: a reload says which
      }
      if (response.ok) {
        const status = await response.json();
        show(status);
        if (status.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, POLL_MS);
  }

  window.setTimeout(poll, POLL_MS);
})();
