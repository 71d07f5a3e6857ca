using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MentorBot.Bot.Cards;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs.Rounds;

namespace MentorBot.Bot.Programs;

/// <summary>A round as the editor shows it and the JSON API returns it. <see cref="Revision"/> is also the ETag (<c>"r{n}"</c>).</summary>
public sealed record RoundEditView(
    string Program,
    string Round,
    int Revision,
    string State,
    double TotalScore,
    bool Optimal,
    IReadOnlyList<RoundEditPairView> Pairs,
    IReadOnlyList<RoundEditWaitingView> Unmatched,
    IReadOnlyList<RoundEditWaitingView> Removed)
{
    public string ETag => RoundEditorPage.ETagOf(Revision);
}

public sealed record RoundEditPairView(string Learner, string LearnerName, string Mentor, string MentorName, string Skill, string SkillName, double Score, bool Pinned, IReadOnlyList<string> Reasons);

public sealed record RoundEditWaitingView(string Learner, string LearnerName, string Skill, string SkillName, string Why);

/// <summary>The JSON an owner posts to <c>/programs/{id}/rounds/{round}/edits</c>.</summary>
/// <param name="Action">pin, unpin, remove, restore, swap or rerun.</param>
public sealed record RoundEditRequest(string? Action, string? Learner, string? Skill, string? OtherLearner, string? OtherSkill);

public sealed record RoundPublishedView(string Round, int Revision, int Sent, int AlreadySent, int NotSent);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RoundEditView))]
[JsonSerializable(typeof(RoundEditRequest))]
[JsonSerializable(typeof(RoundPublishedView))]
internal sealed partial class RoundEditJsonContext : JsonSerializerContext;

/// <summary>
/// The round editor on the dashboard (decision 0460): the pairs with their scores and reasons, pin / unpin, remove /
/// restore, swap two pairs' colleagues, re-run, publish. Every button posts the revision shown (rounds.js), so an edit
/// or a publish of a round someone changed meanwhile is refused, never applied to something the owner did not see.
/// </summary>
public static class RoundEditorPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string ETagOf(int revision) => $"\"r{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The revision an If-Match header names, or null when it names none this API hands out.</summary>
    public static int? RevisionOf(string? ifMatch) =>
        ifMatch is { Length: > 3 } tag && tag.StartsWith("\"r", StringComparison.Ordinal) && tag.EndsWith('"')
        && int.TryParse(tag.AsSpan(2, tag.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    /// <param name="texts">The page's language; the JSON API leaves it out and stays English (data).</param>
    public static RoundEditView View(ProgramRound round, IReadOnlyDictionary<UserId, Profile> people, MentoringViews views, OwnerPageTexts? texts = null)
    {
        var page = texts ?? OwnerPageTexts.English;
        var t = new CardTexts(page.Culture);
        var wording = views.Wording(t);
        string Name(UserId id) => people.TryGetValue(id, out var p) ? p.DisplayName : page["Round.Colleague"];
        return new RoundEditView(
            round.Program.Value,
            round.Id.Value,
            round.Revision,
            round.State.ToString(),
            round.TotalScore,
            round.Certificate is { IsOptimal: true },
            [.. round.Pairs.Select(p => new RoundEditPairView(
                p.Learner.AadObjectId, Name(p.Learner), p.Mentor.AadObjectId, Name(p.Mentor), p.Skill.Value, views.SkillName(p.Skill), Math.Round(p.Score, 2), p.Pinned,
                p.Factors.Count > 0 ? [.. p.Factors.Select(f => wording.Factor(f, ReasonReader.Owner))] : p.Reasons))],
            [.. round.Unmatched.Select(u => new RoundEditWaitingView(u.Learner.AadObjectId, Name(u.Learner), u.Skill.Value, views.SkillName(u.Skill), u.Reason switch
            {
                UnmatchedReason.MentorsTaken => page.Format("Round.MentorsTaken", u.EligibleMentors),
                UnmatchedReason.NoEligibleMentor => page["Round.NoEligibleMentor"],
                _ => page["Round.NotAsked"],
            }))],
            [.. round.Removed.Select(r => new RoundEditWaitingView(r.Learner.AadObjectId, Name(r.Learner), r.Skill.Value, views.SkillName(r.Skill), page["Round.Removed"]))]);
    }

    /// <param name="query">The local-development <c>?as=</c> to keep on every link and post, or empty.</param>
    public static string Render(RoundEditView view, string query, string? message, OwnerPageTexts? texts = null)
    {
        var t = texts ?? OwnerPageTexts.English;
        var html = new StringBuilder();
        var basePath = $"/programs/{Uri.EscapeDataString(view.Program)}/rounds/{Uri.EscapeDataString(view.Round)}";
        var editable = view.State == nameof(RoundState.Previewed);
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(t.Lang)).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(t.Format("Round.Title", view.Round))).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"/programs/assets/dashboard.css\"><script src=\"/programs/assets/rounds.js\" defer></script></head><body>")
            .Append("<main id=\"round-editor\" data-base=\"").Append(E(basePath)).Append("\" data-query=\"").Append(E(query)).Append("\" data-etag=\"").Append(E(view.ETag)).Append("\">")
            .Append("<h1>").Append(E(t.Format("Round.Title", view.Round))).Append("</h1>");
        if (message is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(message)).Append("</p>");
        }

        html.Append("<p>").Append(E(t["Round.Revision"])).Append(" <strong id=\"round-revision\">").Append(view.Revision).Append("</strong> · ").Append(E(t.Or("State." + view.State, view.State)))
            .Append(" · ").Append(E(t["Round.TotalScore"])).Append(" <strong id=\"round-score\">").Append(view.TotalScore.ToString("0.00", CultureInfo.InvariantCulture)).Append("</strong>")
            .Append(view.Optimal ? " · " + E(t["Round.Optimal"]) : "").Append("</p>");
        if (editable)
        {
            html.Append("<p><button class=\"round-action\" data-action=\"rerun\">").Append(E(t["Round.Rerun"])).Append("</button> ")
                .Append("<button class=\"round-action\" data-action=\"publish\">").Append(E(t["Round.Publish"])).Append("</button></p>");
        }

        html.Append("<table id=\"round-pairs\"><thead><tr><th>").Append(E(t["Round.Learns"])).Append("</th><th>").Append(E(t["Round.From"])).Append("</th><th>")
            .Append(E(t["Round.Skill"])).Append("</th><th>").Append(E(t["Round.Score"])).Append("</th><th>").Append(E(t["Round.Why"])).Append("</th><th></th></tr></thead><tbody>");
        foreach (var pair in view.Pairs)
        {
            html.Append("<tr data-learner=\"").Append(E(pair.Learner)).Append("\" data-skill=\"").Append(E(pair.Skill)).Append("\"><td>").Append(E(pair.LearnerName))
                .Append("</td><td>").Append(E(pair.MentorName)).Append(pair.Pinned ? " 📌" : "").Append("</td><td>").Append(E(pair.SkillName))
                .Append("</td><td>").Append(pair.Score.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(string.Join("; ", pair.Reasons))).Append("</td><td>");
            if (editable)
            {
                html.Append("<button class=\"round-action\" data-action=\"").Append(pair.Pinned ? "unpin\">" + E(t["Round.Unpin"]) : "pin\">" + E(t["Round.Pin"])).Append("</button> ")
                    .Append("<button class=\"round-action\" data-action=\"remove\">").Append(E(t["Round.Remove"])).Append("</button> ")
                    .Append("<select class=\"round-swap\" aria-label=\"").Append(E(t["Round.SwapLabel"])).Append("\"><option value=\"\">").Append(E(t["Round.SwapWith"])).Append("</option>");
                foreach (var other in view.Pairs.Where(o => o != pair && o.Mentor != pair.Mentor))
                {
                    html.Append("<option value=\"").Append(E(other.Learner + "|" + other.Skill)).Append("\">").Append(E(other.LearnerName + " (" + other.MentorName + ")")).Append("</option>");
                }

                html.Append("</select>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        Waiting(html, t["Round.Waiting"], "round-unmatched", view.Unmatched, null, t);
        Waiting(html, t["Round.TakenOut"], "round-removed", view.Removed, editable ? "restore" : null, t);
        return html.Append("</main></body></html>").ToString();
    }

    private static void Waiting(StringBuilder html, string title, string id, IReadOnlyList<RoundEditWaitingView> rows, string? action, OwnerPageTexts t)
    {
        if (rows.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(E(title)).Append("</h2><table id=\"").Append(id).Append("\"><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr data-learner=\"").Append(E(row.Learner)).Append("\" data-skill=\"").Append(E(row.Skill)).Append("\"><td>").Append(E(row.LearnerName))
                .Append("</td><td>").Append(E(row.SkillName)).Append("</td><td>").Append(E(row.Why)).Append("</td><td>");
            if (action is not null)
            {
                html.Append("<button class=\"round-action\" data-action=\"").Append(action).Append("\">").Append(E(t["Round.PutBack"])).Append("</button>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string E(string text) => Encoder.Encode(text);
}
