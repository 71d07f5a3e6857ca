using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Programs;

/// <summary>What the editor page shows above the form.</summary>
internal enum EditorNotice
{
    None,
    Saved,
    Invalid,

    /// <summary>Another owner saved first: the typed values stay in the form, what is stored now is shown beside them.</summary>
    Conflict,
    Refused,
}

/// <summary>
/// The program settings page (decision 0440): one server-rendered form that works without script. A refused save
/// renders the form again with what was typed and a message beside each field; a conflict keeps the typed values,
/// shows what the other owner saved and takes the newer version, so saving again applies the typed values on purpose.
/// In the Teams tab <c>editor.js</c> posts the form with the tab's sign-in token.
/// </summary>
internal static class ProgramEditorPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="program">The stored program (null on the "new program" form).</param>
    /// <param name="stored">On a conflict: the settings as the other owner saved them.</param>
    public static string Render(
        MentoringProgram? program,
        ProgramInput input,
        IReadOnlyDictionary<string, string> errors,
        EditorNotice notice,
        string? message,
        UserId? localViewer,
        ProgramInput? stored = null)
    {
        var html = new StringBuilder();
        var title = program is null ? "New program" : $"Settings: {program.Name}";
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} — MentorBot</title><link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body>
            """);
        if (localViewer is { } viewer)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="dev-banner" role="alert" id="dev-banner">LOCAL DEVELOPMENT MODE — viewing as <code>{E(viewer.AadObjectId)}</code>.</div>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""<header><p class="note"><a data-editor href="{Link("/programs/manage", localViewer)}">All programs</a>""");
        if (program is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $""" · <a data-editor href="{Link($"/programs/{Uri.EscapeDataString(program.Id.Value)}", localViewer)}">Dashboard</a>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""</p><h1>{E(title)}</h1>""");
        if (program is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="note">State: <strong id="program-state">{StateText(program.State)}</strong></p>""");
        }

        html.Append("</header>");
        html.Append(notice switch
        {
            EditorNotice.Saved => $"""<p class="notice ok" role="status" id="notice">{E(message ?? "Saved.")}</p>""",
            EditorNotice.Invalid => $"""<p class="notice error" role="alert" id="notice">{E(message ?? "Some settings need a look; nothing was saved.")}</p>""",
            EditorNotice.Conflict => $"""<p class="notice error" role="alert" id="conflict">{E(message ?? ConflictText)}</p>""",
            EditorNotice.Refused => $"""<p class="notice error" role="alert" id="notice">{E(message ?? "Not done.")}</p>""",
            _ => "",
        });

        var action = program is null ? "/programs/new" : $"/programs/{Uri.EscapeDataString(program.Id.Value)}/edit";
        html.Append(CultureInfo.InvariantCulture, $"""<form data-editor method="post" action="{Link(action, localViewer)}" id="program-form" class="editor" novalidate>""");
        html.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="version" value="{E(input.Version ?? "")}">""");
        Field(html, "name", "Name", input.Name, errors, stored?.Name);
        Area(html, "purpose", "Purpose (shown on the invitation and introduction cards)", input.Purpose, errors, stored?.Purpose);
        Field(html, "start", "Starts (YYYY-MM-DD)", input.Start, errors, stored?.Start, "date");
        Field(html, "end", "Ends (YYYY-MM-DD)", input.End, errors, stored?.End, "date");
        Field(html, "everyWeeks", "Meet every … weeks", input.EveryWeeks, errors, stored?.EveryWeeks, "number");
        Field(html, "meetingMinutes", "Meeting length (minutes)", input.MeetingMinutes, errors, stored?.MeetingMinutes, "number");
        Field(html, "termMonths", "Term of a pair (months)", input.TermMonths, errors, stored?.TermMonths, "number");
        Field(html, "answerWindowHours", "Answer window: hours a colleague has to answer a request", input.AnswerWindowHours, errors, stored?.AnswerWindowHours, "number");
        Field(html, "targetSkills", "Target skills (comma-separated names from the skill catalog)", input.TargetSkills, errors, stored?.TargetSkills);
        Field(html, "owners", "Owners (Entra object ids, comma-separated)", input.Owners, errors, stored?.Owners);
        Field(html, "safeguardContacts", "Safeguarding contacts for concerns (Entra object ids; empty = the tenant's default)", input.SafeguardContacts, errors, stored?.SafeguardContacts);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field"><label><input type="checkbox" name="managersMayBeCopied" id="field-managersMayBeCopied" value="true"{(input.ManagersMayBeCopied ? " checked" : "")}>
            Managers may be copied on thank-yous</label>{Was(stored is null ? null : stored.ManagersMayBeCopied ? "yes" : "no", input.ManagersMayBeCopied ? "yes" : "no")}</p>
            <p class="field"><label><input type="checkbox" name="juniorsMayAsk" id="field-juniorsMayAsk" value="true"{(input.JuniorsMayAsk ? " checked" : "")}>
            Colleagues who joined to teach may also ask for help (two-way learning)</label>{Was(stored is null ? null : stored.JuniorsMayAsk ? "yes" : "no", input.JuniorsMayAsk ? "yes" : "no")}</p>
            <p><button type="submit" id="save">{(program is null ? "Create program" : "Save changes")}</button></p></form>
            """);

        if (program is not null)
        {
            StateForms(html, program, input.Version, localViewer);
            History(html, program);
        }

        html.Append("""<script src="/programs/assets/editor.js"></script></body></html>""");
        return html.ToString();
    }

    public const string ConflictText =
        "Another owner saved this program while you were editing. Your changes are still in the form below and were not saved; "
        + "what is saved now is shown under each field that differs. Save again to keep your values.";

    /// <summary>The owner's programs, with links to their dashboards and settings, and a "new program" link.</summary>
    public static string RenderList(IReadOnlyList<MentoringProgram> programs, UserId? localViewer, bool mayCreate)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Programs — MentorBot</title><link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body><header><h1>Your programs</h1></header>
            """);
        html.Append("""<table id="programs"><thead><tr><th>Program</th><th>State</th><th>Dates</th><th>Rhythm</th><th></th></tr></thead><tbody>""");
        foreach (var p in programs)
        {
            var id = Uri.EscapeDataString(p.Id.Value);
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><a data-editor href="{Link($"/programs/{id}", localViewer)}">{E(p.Name)}</a></td><td>{StateText(p.State)}</td>
                <td>{p.Cohort.Start:yyyy-MM-dd} – {p.Cohort.End:yyyy-MM-dd}</td><td>every {p.Meetings.EveryWeeks} week(s), {(int)p.Meetings.Length.TotalMinutes} min</td>
                <td><a data-editor href="{Link($"/programs/{id}/edit", localViewer)}">Settings</a></td></tr>
                """);
        }

        html.Append("</tbody></table>");
        if (mayCreate)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p><a data-editor id="new-program" href="{Link("/programs/new", localViewer)}">New program</a></p>""");
        }

        html.Append("""<script src="/programs/assets/editor.js"></script></body></html>""");
        return html.ToString();
    }

    /// <summary>A link that keeps the local-development viewer (<c>?as=</c>); signed-in tabs send their token instead.</summary>
    public static string Link(string path, UserId? localViewer) =>
        localViewer is { } viewer ? $"{path}?{DashboardIdentity.AsQuery}={Uri.EscapeDataString(viewer.AadObjectId)}" : path;

    private static void StateForms(StringBuilder html, MentoringProgram program, string? version, UserId? localViewer)
    {
        var id = Uri.EscapeDataString(program.Id.Value);
        html.Append("<h2>Run the program</h2><div class=\"state-actions\">");
        foreach (var (state, label, note) in new[]
        {
            (ProgramState.Paused, "Pause", "Nobody joins and no new pairs form; pairs that meet carry on."),
            (ProgramState.Running, "Resume", "People can join and new pairs form again."),
            (ProgramState.Closed, "Close", "For good: nobody joins or is paired; pairs finish their term."),
        })
        {
            if (state == program.State || program.State == ProgramState.Closed)
            {
                continue;
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <form data-editor method="post" action="{Link($"/programs/{id}/state", localViewer)}"><input type="hidden" name="version" value="{E(version ?? "")}">
                <input type="hidden" name="state" value="{state}"><button type="submit" id="state-{state.ToString().ToLowerInvariant()}">{label}</button> <span class="note">{note}</span></form>
                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <form data-editor method="post" action="{Link($"/programs/{id}/delete", localViewer)}"><input type="hidden" name="version" value="{E(version ?? "")}">
            <button type="submit" id="delete">Delete</button> <span class="note">Only when no pair in it is active; otherwise close it.</span></form></div>
            """);
    }

    private static void History(StringBuilder html, MentoringProgram program)
    {
        html.Append("""<h2>Changes</h2><table id="history"><thead><tr><th>When (UTC)</th><th>Who</th><th>Setting</th><th>From</th><th>To</th></tr></thead><tbody>""");
        foreach (var change in program.History.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{change.At.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>{E(change.By.AadObjectId)}</td><td>{E(change.Field)}</td><td>{E(change.From ?? "")}</td><td>{E(change.To ?? "")}</td></tr>
                """);
        }

        html.Append("</tbody></table>");
    }

    private static void Field(StringBuilder html, string name, string label, string value, IReadOnlyDictionary<string, string> errors, string? stored, string type = "text")
    {
        var error = errors.GetValueOrDefault(name);
        var inputType = type == "number" ? "text\" inputmode=\"numeric" : "text";
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field{(error is null ? "" : " invalid")}"><label for="field-{name}">{E(label)}</label>
            <input type="{inputType}" name="{name}" id="field-{name}" value="{E(value)}"{(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"error-{name}\"")}>
            {(error is null ? "" : $"<span class=\"error\" id=\"error-{name}\">{E(error)}</span>")}{Was(stored, value)}</p>
            """);
    }

    private static void Area(StringBuilder html, string name, string label, string value, IReadOnlyDictionary<string, string> errors, string? stored)
    {
        var error = errors.GetValueOrDefault(name);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field{(error is null ? "" : " invalid")}"><label for="field-{name}">{E(label)}</label>
            <textarea name="{name}" id="field-{name}" rows="3"{(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"error-{name}\"")}>{E(value)}</textarea>
            {(error is null ? "" : $"<span class=\"error\" id=\"error-{name}\">{E(error)}</span>")}{Was(stored, value)}</p>
            """);
    }

    /// <summary>On a conflict: what the other owner saved, where it differs from what was typed.</summary>
    private static string Was(string? stored, string typed) =>
        stored is not null && !string.Equals(stored, typed, StringComparison.Ordinal)
            ? $"<span class=\"stored\">Saved by another owner: <code>{E(stored)}</code></span>"
            : "";

    private static string StateText(ProgramState state) => state switch
    {
        ProgramState.Paused => "Paused",
        ProgramState.Closed => "Closed",
        _ => "Running",
    };

    private static string E(string text) => Encoder.Encode(text);
}
