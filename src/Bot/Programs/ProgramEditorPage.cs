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
        ProgramInput? stored = null,
        OwnerPageTexts? texts = null)
    {
        var t = texts ?? OwnerPageTexts.English;
        var html = new StringBuilder();
        var title = program is null ? t["Editor.NewTitle"] : t.Format("Editor.SettingsTitle", program.Name);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{E(t.Lang)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} — MentorBot</title><link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body>
            """);
        if (localViewer is { } viewer)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="dev-banner" role="alert" id="dev-banner">{E(t["Editor.DevBanner"])} <code>{E(viewer.AadObjectId)}</code>.</div>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""<header><p class="note"><a data-editor href="{Link("/programs/manage", localViewer)}">{E(t["Editor.AllPrograms"])}</a>""");
        if (program is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $""" · <a data-editor href="{Link($"/programs/{Uri.EscapeDataString(program.Id.Value)}", localViewer)}">{E(t["Editor.Dashboard"])}</a>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""</p><h1>{E(title)}</h1>""");
        if (program is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="note">{E(t["Editor.State"])} <strong id="program-state">{StateText(program.State, t)}</strong></p>""");
        }

        html.Append("</header>");
        html.Append(notice switch
        {
            EditorNotice.Saved => $"""<p class="notice ok" role="status" id="notice">{E(message ?? t["Editor.Saved"])}</p>""",
            EditorNotice.Invalid => $"""<p class="notice error" role="alert" id="notice">{E(message ?? t["Editor.Invalid"])}</p>""",
            EditorNotice.Conflict => $"""<p class="notice error" role="alert" id="conflict">{E(message ?? t["Editor.Conflict"])}</p>""",
            EditorNotice.Refused => $"""<p class="notice error" role="alert" id="notice">{E(message ?? t["Editor.NotDone"])}</p>""",
            _ => "",
        });

        var action = program is null ? "/programs/new" : $"/programs/{Uri.EscapeDataString(program.Id.Value)}/edit";
        html.Append(CultureInfo.InvariantCulture, $"""<form data-editor method="post" action="{Link(action, localViewer)}" id="program-form" class="editor" novalidate>""");
        html.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="version" value="{E(input.Version ?? "")}">""");
        Field(html, t, "name", t["Editor.Name"], input.Name, errors, stored?.Name);
        Area(html, t, "purpose", t["Editor.Purpose"], input.Purpose, errors, stored?.Purpose);
        Field(html, t, "start", t["Editor.Start"], input.Start, errors, stored?.Start, "date");
        Field(html, t, "end", t["Editor.End"], input.End, errors, stored?.End, "date");
        Field(html, t, "everyWeeks", t["Editor.EveryWeeks"], input.EveryWeeks, errors, stored?.EveryWeeks, "number");
        Field(html, t, "meetingMinutes", t["Editor.MeetingMinutes"], input.MeetingMinutes, errors, stored?.MeetingMinutes, "number");
        Field(html, t, "termMonths", t["Editor.TermMonths"], input.TermMonths, errors, stored?.TermMonths, "number");
        Field(html, t, "answerWindowHours", t["Editor.AnswerWindowHours"], input.AnswerWindowHours, errors, stored?.AnswerWindowHours, "number");
        Field(html, t, "targetSkills", t["Editor.TargetSkills"], input.TargetSkills, errors, stored?.TargetSkills);
        Field(html, t, "owners", t["Editor.Owners"], input.Owners, errors, stored?.Owners);
        Field(html, t, "safeguardContacts", t["Editor.SafeguardContacts"], input.SafeguardContacts, errors, stored?.SafeguardContacts);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field"><label><input type="checkbox" name="managersMayBeCopied" id="field-managersMayBeCopied" value="true"{(input.ManagersMayBeCopied ? " checked" : "")}>
            {E(t["Editor.ManagersMayBeCopied"])}</label>{Was(stored is null ? null : stored.ManagersMayBeCopied ? t["Editor.Yes"] : t["Editor.No"], input.ManagersMayBeCopied ? t["Editor.Yes"] : t["Editor.No"], t)}</p>
            <p class="field"><label><input type="checkbox" name="juniorsMayAsk" id="field-juniorsMayAsk" value="true"{(input.JuniorsMayAsk ? " checked" : "")}>
            {E(t["Editor.JuniorsMayAsk"])}</label>{Was(stored is null ? null : stored.JuniorsMayAsk ? t["Editor.Yes"] : t["Editor.No"], input.JuniorsMayAsk ? t["Editor.Yes"] : t["Editor.No"], t)}</p>
            <p><button type="submit" id="save">{E(program is null ? t["Editor.Create"] : t["Editor.Save"])}</button></p></form>
            """);

        if (program is not null)
        {
            StateForms(html, program, input.Version, localViewer, t);
            History(html, program, t);
        }

        html.Append("""<script src="/programs/assets/editor.js"></script></body></html>""");
        return html.ToString();
    }

    /// <summary>The owner's programs, with links to their dashboards and settings, and a "new program" link.</summary>
    public static string RenderList(IReadOnlyList<MentoringProgram> programs, UserId? localViewer, bool mayCreate, OwnerPageTexts? texts = null)
    {
        var t = texts ?? OwnerPageTexts.English;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{E(t.Lang)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(t["Editor.ListTitle"])} — MentorBot</title><link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body><header><h1>{E(t["Editor.YourPrograms"])}</h1></header>
            """);
        html.Append(CultureInfo.InvariantCulture, $"""<table id="programs"><thead><tr><th>{E(t["Editor.Program"])}</th><th>{E(t["Editor.StateColumn"])}</th><th>{E(t["Editor.Dates"])}</th><th>{E(t["Editor.Rhythm"])}</th><th></th></tr></thead><tbody>""");
        foreach (var p in programs)
        {
            var id = Uri.EscapeDataString(p.Id.Value);
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><a data-editor href="{Link($"/programs/{id}", localViewer)}">{E(p.Name)}</a></td><td>{StateText(p.State, t)}</td>
                <td>{p.Cohort.Start:yyyy-MM-dd} – {p.Cohort.End:yyyy-MM-dd}</td><td>{E(t.Format("Editor.RhythmValue", p.Meetings.EveryWeeks, (int)p.Meetings.Length.TotalMinutes))}</td>
                <td><a data-editor href="{Link($"/programs/{id}/edit", localViewer)}">{E(t["Editor.Settings"])}</a></td></tr>
                """);
        }

        html.Append("</tbody></table>");
        if (mayCreate)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p><a data-editor id="new-program" href="{Link("/programs/new", localViewer)}">{E(t["Editor.New"])}</a></p>""");
        }

        html.Append("""<script src="/programs/assets/editor.js"></script></body></html>""");
        return html.ToString();
    }

    /// <summary>A link that keeps the local-development viewer (<c>?as=</c>); signed-in tabs send their token instead.</summary>
    public static string Link(string path, UserId? localViewer) =>
        localViewer is { } viewer ? $"{path}?{DashboardIdentity.AsQuery}={Uri.EscapeDataString(viewer.AadObjectId)}" : path;

    private static void StateForms(StringBuilder html, MentoringProgram program, string? version, UserId? localViewer, OwnerPageTexts t)
    {
        var id = Uri.EscapeDataString(program.Id.Value);
        html.Append("<h2>").Append(E(t["Editor.RunTitle"])).Append("</h2><div class=\"state-actions\">");
        foreach (var (state, label, note) in new[]
        {
            (ProgramState.Paused, t["Editor.Pause"], t["Editor.PauseNote"]),
            (ProgramState.Running, t["Editor.Resume"], t["Editor.ResumeNote"]),
            (ProgramState.Closed, t["Editor.Close"], t["Editor.CloseNote"]),
        })
        {
            if (state == program.State || program.State == ProgramState.Closed)
            {
                continue;
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <form data-editor method="post" action="{Link($"/programs/{id}/state", localViewer)}"><input type="hidden" name="version" value="{E(version ?? "")}">
                <input type="hidden" name="state" value="{state}"><button type="submit" id="state-{state.ToString().ToLowerInvariant()}">{E(label)}</button> <span class="note">{E(note)}</span></form>
                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <form data-editor method="post" action="{Link($"/programs/{id}/delete", localViewer)}"><input type="hidden" name="version" value="{E(version ?? "")}">
            <button type="submit" id="delete">{E(t["Editor.Delete"])}</button> <span class="note">{E(t["Editor.DeleteNote"])}</span></form></div>
            """);
    }

    private static void History(StringBuilder html, MentoringProgram program, OwnerPageTexts t)
    {
        html.Append(CultureInfo.InvariantCulture, $"""<h2>{E(t["Editor.Changes"])}</h2><table id="history"><thead><tr><th>{E(t["Editor.When"])}</th><th>{E(t["Editor.Who"])}</th><th>{E(t["Editor.Setting"])}</th><th>{E(t["Editor.FromValue"])}</th><th>{E(t["Editor.ToValue"])}</th></tr></thead><tbody>""");
        foreach (var change in program.History.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{change.At.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>{E(change.By.AadObjectId)}</td><td>{E(change.Field)}</td><td>{E(change.From ?? "")}</td><td>{E(change.To ?? "")}</td></tr>
                """);
        }

        html.Append("</tbody></table>");
    }

    private static void Field(StringBuilder html, OwnerPageTexts t, string name, string label, string value, IReadOnlyDictionary<string, string> errors, string? stored, string type = "text")
    {
        var error = errors.GetValueOrDefault(name);
        var inputType = type == "number" ? "text\" inputmode=\"numeric" : "text";
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field{(error is null ? "" : " invalid")}"><label for="field-{name}">{E(label)}</label>
            <input type="{inputType}" name="{name}" id="field-{name}" value="{E(value)}"{(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"error-{name}\"")}>
            {(error is null ? "" : $"<span class=\"error\" id=\"error-{name}\">{E(error)}</span>")}{Was(stored, value, t)}</p>
            """);
    }

    private static void Area(StringBuilder html, OwnerPageTexts t, string name, string label, string value, IReadOnlyDictionary<string, string> errors, string? stored)
    {
        var error = errors.GetValueOrDefault(name);
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="field{(error is null ? "" : " invalid")}"><label for="field-{name}">{E(label)}</label>
            <textarea name="{name}" id="field-{name}" rows="3"{(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"error-{name}\"")}>{E(value)}</textarea>
            {(error is null ? "" : $"<span class=\"error\" id=\"error-{name}\">{E(error)}</span>")}{Was(stored, value, t)}</p>
            """);
    }

    /// <summary>On a conflict: what the other owner saved, where it differs from what was typed.</summary>
    private static string Was(string? stored, string typed, OwnerPageTexts t) =>
        stored is not null && !string.Equals(stored, typed, StringComparison.Ordinal)
            ? $"<span class=\"stored\">{E(t["Editor.SavedByOther"])} <code>{E(stored)}</code></span>"
            : "";

    private static string StateText(ProgramState state, OwnerPageTexts t) => E(state switch
    {
        ProgramState.Paused => t["Editor.State.Paused"],
        ProgramState.Closed => t["Editor.State.Closed"],
        _ => t["Editor.State.Running"],
    });

    private static string E(string text) => Encoder.Encode(text);
}
