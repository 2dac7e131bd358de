// Progressive enhancement: GOV.UK Frontend components, then the dashboard charts.
// Loaded as a module (deferred, no inline script), so the page works without it.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Each chart is a <div data-chart="ID"> whose figure is in <script type="application/json" id="ID">;
// pages with charts load plotly.js (a classic deferred script) before this module runs.
if (window.Plotly) {
  for (const element of document.querySelectorAll("[data-chart]")) {
    const figure = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout, {
      displayModeBar: false,
      responsive: true,
    });
  }
}

// A page following a task (an import, say) reloads itself until the task ends.
const refresh = document.querySelector("[data-refresh-seconds]");
if (refresh) {
  setTimeout(() => window.location.reload(), Number(refresh.dataset.refreshSeconds) * 1000);
}
