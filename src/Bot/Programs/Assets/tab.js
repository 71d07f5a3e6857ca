// The dashboard as a Teams personal tab: Teams gives the tab an SSO token for MentorBot's app (webApplicationInfo),
// the shell asks /programs which programs this person owns, and shows the dashboard fetched with that token. The token
// stays in this tab's sessionStorage so dashboard.js can send it with the owners' actions on concerns.
(function () {
  "use strict";
  var status = document.getElementById("tab-status");
  function say(text) { status.textContent = text; }
  function get(url, token) {
    return fetch(url, { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(function (response) {
      if (response.status === 403) { throw new Error("Only the owners of a program can see its dashboard."); }
      if (!response.ok) { throw new Error("The dashboard could not be loaded (" + response.status + ")."); }
      return response;
    });
  }
  function show(id, token) {
    return get("/programs/" + encodeURIComponent(id), token).then(function (r) { return r.text(); }).then(function (html) {
      document.open();
      document.write(html);
      document.close();
    });
  }
  if (!window.microsoftTeams) {
    say("This page is the MentorBot dashboard tab. Open it in Teams, or open /programs/{program id} with a sign-in.");
    return;
  }
  microsoftTeams.app.initialize()
    .then(function () { return microsoftTeams.authentication.getAuthToken(); })
    .then(function (token) {
      sessionStorage.setItem("mentorbot.token", token);
      return fetch("/programs/", { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(function (r) {
        if (r.status === 403) { return []; }
        if (!r.ok) { throw new Error("The dashboard could not be loaded (" + r.status + ")."); }
        return r.json();
      }).then(function (programs) {
        if (programs.length === 0) {
          // A creator (Programs:Creators) may start the first program here (decision 0440); anyone else is told who can.
          return fetch("/programs/manage", { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(function (r) {
            if (!r.ok) { say("You don't own a program, so there is no dashboard to show. Program owners are set by your Teams admin."); return null; }
            return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
          });
        }
        if (programs.length === 1) { return show(programs[0].id, token); }
        status.textContent = "Choose a program:";
        var list = document.createElement("ul");
        programs.forEach(function (p) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = p.name;
          button.addEventListener("click", function () { show(p.id, token); });
          item.appendChild(button);
          list.appendChild(item);
        });
        document.body.appendChild(list);
        return null;
      });
    })
    .catch(function (error) { say(error && error.message ? error.message : "Teams did not sign you in to MentorBot."); });
})();
