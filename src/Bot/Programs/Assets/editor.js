// Program settings in the Teams tab (decision 0440): the tab signed in with Teams and keeps the token in sessionStorage,
// so forms and links are sent with it and the answer replaces the page. Outside Teams (local development, ?as=) the
// forms post as plain HTML forms and this script does nothing.
(function () {
  "use strict";
  var token = sessionStorage.getItem("mentorbot.token");
  if (!token) { return; }
  function show(response) {
    return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-editor")) { return; }
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { Authorization: "Bearer " + token },
      credentials: "same-origin"
    }).then(show);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-editor]") : null;
    if (!link) { return; }
    event.preventDefault();
    fetch(link.getAttribute("href"), { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(show);
  });
})();
