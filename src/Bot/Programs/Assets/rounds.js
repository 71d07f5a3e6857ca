// The round editor: each button posts the revision shown (If-Match), so nothing is changed or sent that the owner did
// not see. On success the page reloads; a refusal shows its problem details.
(function () {
  "use strict";
  var editor = document.getElementById("round-editor");
  if (!editor) { return; }
  var base = editor.getAttribute("data-base"), query = editor.getAttribute("data-query"), etag = editor.getAttribute("data-etag");
  function post(path, body) {
    var headers = { "Content-Type": "application/json", "If-Match": etag };
    var token = window.sessionStorage ? sessionStorage.getItem("mentorbot.token") : null;
    if (token) { headers.Authorization = "Bearer " + token; }
    return fetch(base + path + query, { method: "POST", headers: headers, credentials: "same-origin", body: JSON.stringify(body || {}) })
      .then(function (response) {
        if (response.ok) {
          return response.json().then(function (result) {
            var note = path === "/publish" ? "Published: " + result.sent + " offers sent." : "";
            var sep = query ? "&" : "?";
            window.location.href = base + query + (note ? sep + "message=" + encodeURIComponent(note) : "");
          });
        }
        return response.json().then(function (problem) {
          window.alert((problem.title || "That didn't work.") + (problem.detail ? "\n\n" + problem.detail : ""));
        });
      });
  }
  editor.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.round-action") : null;
    if (!button) { return; }
    var action = button.getAttribute("data-action"), row = button.closest("tr");
    if (action === "publish") { post("/publish"); return; }
    post("/edits", { action: action, learner: row ? row.getAttribute("data-learner") : null, skill: row ? row.getAttribute("data-skill") : null });
  });
  editor.addEventListener("change", function (event) {
    if (!event.target.classList || !event.target.classList.contains("round-swap") || !event.target.value) { return; }
    var row = event.target.closest("tr"), other = event.target.value.split("|");
    post("/edits", { action: "swap", learner: row.getAttribute("data-learner"), skill: row.getAttribute("data-skill"), otherLearner: other[0], otherSkill: other[1] });
  });
}());
