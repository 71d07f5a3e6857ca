// Draws the dashboard's charts from the JSON the page carries. Suppressed numbers are gaps (null), never zeros:
// a hidden count must not look like "nobody". Without Chart.js the tables already show everything.
(function () {
  "use strict";
  // The page's words for what this script shows (DashboardTexts, in the page's language); English when absent.
  var wordsElement = document.getElementById("dashboard-texts");
  var words = wordsElement ? JSON.parse(wordsElement.textContent) : {};
  function word(key, english) { return words[key] || english; }
  // Owners' actions on concerns: POST to the actions endpoint (it audits each one), then show the new state.
  var inbox = document.getElementById("section-concerns");
  if (inbox) {
    inbox.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.concern-action") : null;
      if (!button) { return; }
      var row = button.closest("tr");
      var note = row.querySelector("input.concern-note");
      var url = inbox.getAttribute("data-actions") + encodeURIComponent(button.getAttribute("data-concern")) + "/actions" + inbox.getAttribute("data-query");
      // In the Teams tab the SSO token rides along (tab.js keeps it for this tab only); locally ?as= is in the URL.
      var headers = { "Content-Type": "application/json" };
      var token = window.sessionStorage ? sessionStorage.getItem("mentorbot.token") : null;
      if (token) { headers.Authorization = "Bearer " + token; }
      fetch(url, { method: "POST", headers: headers, credentials: "same-origin",
        body: JSON.stringify({ action: button.getAttribute("data-action"), note: note && note.value ? note.value : null }) })
        .then(function (response) {
          if (response.ok) { window.location.reload(); return null; }
          return response.json().then(function (problem) { window.alert(problem.title || word("failed", "That didn't work.")); });
        });
    });
  }

  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  if (typeof window.Chart === "undefined") {
    document.body.setAttribute("data-charts", "unavailable");
    return;
  }

  var purple = "#5b5fc7", teal = "#038387", grey = "#c8c6c4";
  var rendered = 0;
  function draw(id, config) {
    var canvas = document.getElementById("chart-" + id);
    if (!canvas) { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: config.data.datasets.length > 1 } } }, config.options || {});
    new window.Chart(canvas, config);
    canvas.setAttribute("data-rendered", "true");
    rendered++;
  }
  function value(metric) { return metric.suppressed ? null : metric.value; }
  // An empty bar reads as zero; the label says the number is hidden instead.
  function label(name, suppressed) { return suppressed ? word("hidden", "{0} (hidden)").replace("{0}", name) : name; }

  draw("requests", { type: "bar", data: {
    labels: data.requestsByState.map(function (r) { return label(word("state." + r.state, r.state), r.count.suppressed); }),
    datasets: [{ label: word("requests", "Requests"), data: data.requestsByState.map(function (r) { return value(r.count); }), backgroundColor: purple }] } });

  draw("checkins", { type: "bar", data: {
    labels: data.checkInsByWeek.map(function (w) { return label(w.week, w.suppressed); }),
    datasets: [
      { label: word("held", "Held"), data: data.checkInsByWeek.map(function (w) { return w.held; }), backgroundColor: teal },
      { label: word("planned", "Planned"), data: data.checkInsByWeek.map(function (w) { return w.planned; }), backgroundColor: grey }] } });

  draw("satisfaction", { type: "line", data: {
    labels: data.satisfactionTrend.map(function (m) { return label(m.month, m.meanRating.suppressed); }),
    datasets: [{ label: word("meanRating", "Mean rating"), data: data.satisfactionTrend.map(function (m) { return value(m.meanRating); }),
      borderColor: purple, backgroundColor: purple, spanGaps: false }] },
    options: { scales: { y: { min: 1, max: 5 } } } });

  draw("top-skills", { type: "bar", data: {
    labels: data.topRequestedSkills.map(function (s) { return label(s.name, s.count.suppressed); }),
    datasets: [{ label: word("requests", "Requests"), data: data.topRequestedSkills.map(function (s) { return value(s.count); }), backgroundColor: purple }] },
    options: { indexAxis: "y" } });

  document.body.setAttribute("data-charts", "rendered");
  document.body.setAttribute("data-chart-count", String(rendered));
})();
