using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>A dashboard number as JSON: the value, or null with <c>suppressed</c> and the words the page shows.</summary>
public sealed record MetricView(double? Value, bool Suppressed, string Display)
{
    public const string HiddenText = "fewer than 5 people — hidden";

    public static MetricView Of(Metric<int> metric) =>
        metric.TryGetValue(out var value) ? new(value, false, value.ToString(CultureInfo.InvariantCulture)) : Hidden;

    public static MetricView Of(Metric<double> metric) =>
        metric.TryGetValue(out var value) ? new(Math.Round(value, 2), false, value.ToString("0.00", CultureInfo.InvariantCulture)) : Hidden;

    /// <summary>Days, to one decimal: owners think of time to first meeting in days.</summary>
    public static MetricView Days(Metric<TimeSpan> metric) =>
        metric.TryGetValue(out var value)
            ? new(Math.Round(value.TotalDays, 1), false, value.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " days")
            : Hidden;

    private static MetricView Hidden { get; } = new(null, true, HiddenText);
}

public sealed record RequestStateView(string State, MetricView Count);

public sealed record WeekView(string Week, int? Held, int? Planned, bool Suppressed);

public sealed record MonthView(string Month, MetricView MeanRating);

/// <param name="Name">The skill as people read it ("Power BI"); <paramref name="Skill"/> is its stable id.</param>
public sealed record SkillView(string Skill, MetricView Count, string Name);

/// <summary>One cohort round: when, its state, and its counts (each hidden below the people threshold).</summary>
public sealed record RoundView(
    string Id,
    string State,
    DateTimeOffset PreparedAt,
    DateTimeOffset? PublishedAt,
    MetricView Pairs,
    MetricView Unmatched,
    MetricView AllHelpersTaken,
    MetricView NobodyEligible,
    MetricView Other,
    MetricView UnusedMentors)
{
    public static RoundView Of(RoundSummary round) => new(
        round.Id.Value,
        round.State.ToString(),
        round.PreparedAt,
        round.PublishedAt,
        MetricView.Of(round.Pairs),
        MetricView.Of(round.Unmatched),
        MetricView.Of(round.AllHelpersTaken),
        MetricView.Of(round.NobodyEligible),
        MetricView.Of(round.Other),
        MetricView.Of(round.UnusedMentors));
}

public sealed record PairingView(string Id, string Senior, string Junior, string Skill, DateTimeOffset StartedAt, string State, int CheckInsPlanned, int CheckInsHeld, string SkillName);

/// <summary><c>GET /programs/{id}/metrics</c>: every dashboard number (suppressed ones without a value), the pair table and the latest cohort rounds.</summary>
public sealed record DashboardView(
    string ProgramId,
    string ProgramName,
    DateTimeOffset GeneratedAt,
    int MinimumPeople,
    MetricView ActivePairings,
    MetricView UnmatchedPeople,
    MetricView? MedianDaysToFirstMeeting,
    IReadOnlyList<RequestStateView> RequestsByState,
    IReadOnlyList<WeekView> CheckInsByWeek,
    IReadOnlyList<MonthView> SatisfactionTrend,
    IReadOnlyList<SkillView> TopRequestedSkills,
    IReadOnlyList<SkillView> SkillsWithoutMentor,
    IReadOnlyList<PairingView> Pairings,
    IReadOnlyList<RoundView> Rounds)
{
    /// <summary>Imported people invited (installed or link shared), who joined since and who declined (decision 0373).</summary>
    public InvitationsView? Invitations { get; init; }

    /// <param name="nameOf">Skill names for people (the catalog's); ids when not given.</param>
    public static DashboardView From(MentoringProgram program, ProgramActivity activity, DateTimeOffset now, Func<SkillId, string>? nameOf = null)
    {
        nameOf ??= id => id.Value;
        var metrics = ProgramDashboard.Compute(activity, now);
        var planned = activity.CheckIns.Where(c => c.PlannedFor <= now).ToLookup(c => c.Pairing);
        return new DashboardView(
            program.Id.Value,
            program.Name,
            now,
            Metric.MinimumPeople,
            MetricView.Of(metrics.ActivePairings),
            MetricView.Of(metrics.UnmatchedPeople),
            metrics.MedianTimeToFirstMeeting is { } median ? MetricView.Days(median) : null,
            [.. Enum.GetValues<RequestStatus>().Select(s => new RequestStateView(s.ToString(), MetricView.Of(metrics.RequestsByState[s])))],
            [.. metrics.CheckInsByWeek.Select(w => w.CheckIns.TryGetValue(out var c)
                ? new WeekView(w.Week.ToString(), c.Held, c.Planned, false)
                : new WeekView(w.Week.ToString(), null, null, true))],
            [.. metrics.SatisfactionTrend.Select(m => new MonthView(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), MetricView.Of(m.MeanRating)))],
            [.. metrics.TopRequestedSkills.Select(s => new SkillView(s.Skill.Value, MetricView.Of(s.Count), nameOf(s.Skill)))],
            [.. metrics.SkillsWithoutMentor.Select(s => new SkillView(s.Skill.Value, MetricView.Of(s.Count), nameOf(s.Skill)))],
            [.. activity.Pairings.OrderBy(p => p.StartedAt).ThenBy(p => p.Id.Value, StringComparer.Ordinal).Select(p => new PairingView(
                p.Id.Value, p.SeniorName, p.JuniorName, p.Skill.Value, p.StartedAt, p.State.ToString(),
                planned[p.Id].Count(), planned[p.Id].Count(c => c.Held), nameOf(p.Skill)))],
            [.. metrics.RecentRounds.Select(RoundView.Of)]);
    }
}

public sealed record InvitationsView(MetricView Invited, MetricView Joined, MetricView Declined)
{
    public static InvitationsView Of(Core.Programs.Invitations.InvitationSummary summary) =>
        new(MetricView.Of(summary.Invited), MetricView.Of(summary.Joined), MetricView.Of(summary.Declined));
}

/// <summary><c>POST /programs/{id}/invitations</c>: how many are left to install now, how many were done before, and the link to share when MentorBot may not install itself.</summary>
public sealed record InvitationStartView(int Pending, int AlreadyDone, bool Installing, string? ShareLink);

public sealed record ProgramSummaryView(string Id, string Name, string Purpose, string CohortStart, string CohortEnd);

public sealed record ImportProblemView(int Line, string Kind, string? Column, string Message);

/// <param name="SkippedErasedLines">File lines of people who asked MentorBot to forget them: not imported (decision 0291).</param>
public sealed record ImportResultView(bool DryRun, int Participants, int NewlyInvited, int AlreadyEnrolled, int NewProfiles, IReadOnlyList<int>? SkippedErasedLines = null);

public sealed record AuditView(string Action, string Actor, DateTimeOffset At, string? Note);

public sealed record ConcernView(string Id, string Mentorship, string RaisedBy, DateTimeOffset RaisedAt, string Text, string State, IReadOnlyList<AuditView> Audit);

public sealed record ConcernActionRequest(string? Action, string? Note);

/// <summary>One row of the page's concerns inbox (owners only); the text never leaves the owners' views.</summary>
public sealed record ConcernRow(string Id, string RaisedBy, string PairedWith, DateTimeOffset RaisedAt, string Text, string State, string PairingState, int Actions);

/// <param name="RePairing">After "re-pair": Offered (to a new colleague), NoCandidates, AlreadyAsking or NotOffered.</param>
public sealed record ConcernActionResultView(string Id, string State, string FollowUp, string? MentorshipState, string? RePairing = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardView))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<ProgramSummaryView>))]
[JsonSerializable(typeof(IReadOnlyList<ImportProblemView>))]
[JsonSerializable(typeof(ImportResultView))]
[JsonSerializable(typeof(InvitationStartView))]
[JsonSerializable(typeof(IReadOnlyList<ConcernView>))]
[JsonSerializable(typeof(ConcernActionRequest))]
[JsonSerializable(typeof(ConcernActionResultView))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
