using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>The <c>Programs</c> section: the program seeded on first start, import limits and dashboard sign-in.</summary>
public sealed class ProgramsOptions
{
    public const string SectionName = "Programs";

    /// <summary>Created when the store holds no program at all, so a new deployment starts with one. Skipped without owners.</summary>
    public DefaultProgramOptions Default { get; set; } = new();

    /// <summary>Largest participant CSV accepted; bigger uploads get 413.</summary>
    public long MaxImportBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxImportRows { get; set; } = 10_000;

    /// <summary>Chart.js (UMD build) served at <c>/programs/assets/chart.js</c>; relative paths resolve against the content root
    /// and then its parent folders. Missing file = the dashboard shows tables only.</summary>
    public string ChartJsPath { get; set; } = "tools/node_modules/chart.js/dist/chart.umd.js";

    /// <summary>The Teams JavaScript SDK (UMD build) the dashboard tab signs in with, served at <c>/programs/assets/teams-js.js</c>.</summary>
    public string TeamsJsPath { get; set; } = "tools/node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js";

    public DashboardSignInOptions SignIn { get; set; } = new();

    /// <summary>AAD object ids who may create programs although they own none yet (owners of a program may always); decision 0440.</summary>
    public IList<string> Creators { get; } = [];

    /// <summary>The bot's public address (https://mentorbot.contoso.com); "program status" links to the dashboard under it.</summary>
    public string? DashboardBaseUrl { get; set; }
}

public sealed class DefaultProgramOptions
{
    public string Id { get; set; } = "default";

    public string Name { get; set; } = "Reverse mentoring";

    public string Purpose { get; set; } = "Senior leaders learn new technology and how newer colleagues and today's customers work; juniors learn how the business runs.";

    /// <summary>AAD object ids of the people who run the program; they see its dashboard and concerns.</summary>
    public IList<string> Owners { get; } = [];

    /// <summary>AAD object ids of who reads a concern when every owner is one of the two people it is about (decision 0240).</summary>
    public IList<string> SafeguardContacts { get; } = [];

    public IList<string> TargetSkills { get; } = [];

    /// <summary>ISO date; empty = the day the program is seeded.</summary>
    public string? CohortStart { get; set; }

    /// <summary>ISO date; empty = a year after the start.</summary>
    public string? CohortEnd { get; set; }

    public int MeetEveryWeeks { get; set; } = 2;

    public TimeSpan MeetingLength { get; set; } = TimeSpan.FromMinutes(45);

    internal MentoringProgram ToProgram(LocalDate today)
    {
        var start = CohortStart is { Length: > 0 } s ? LocalDatePattern.Iso.Parse(s).GetValueOrThrow() : today;
        var end = CohortEnd is { Length: > 0 } e ? LocalDatePattern.Iso.Parse(e).GetValueOrThrow() : start.PlusYears(1);
        return new MentoringProgram(
            new ProgramId(Id.Trim()),
            Name.Trim(),
            new ProgramGoals(Purpose.Trim(), [.. TargetSkills.Select(t => new SkillId(t.Trim()))]),
            new CohortDates(start, end),
            new MeetingDefaults(MeetEveryWeeks, MeetingLength),
            MentoringProgram.DefaultReOfferWindow,
            [.. Owners.Select(o => new UserId(o.Trim()))],
            SafeguardContacts: SafeguardContacts.Count == 0 ? null : [.. SafeguardContacts.Select(c => new UserId(c.Trim()))]);
    }
}

/// <summary>
/// How the dashboard checks who is looking when the bot has an app id: an Entra ID token from Teams tab SSO
/// (decision 0200). Issuers are derived from the tenant; only the metadata address is configurable, so tests serve
/// keys on loopback.
/// </summary>
public sealed class DashboardSignInOptions
{
    /// <summary>The tenant whose users may sign in; empty = <c>MicrosoftAppTenantId</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>Accepted <c>aud</c> values; empty = <c>MicrosoftAppId</c> only. List the app's <c>api://…/{MicrosoftAppId}</c>
    /// URI here too when the tab requests v1 tokens, whose audience is that URI.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Entra OpenID metadata; null = <c>https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration</c>.</summary>
    public Uri? OpenIdMetadataUrl { get; set; }
}

internal sealed class ProgramsOptionsValidator : IValidateOptions<ProgramsOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgramsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxImportBytes is < 1024 or > 50 * 1024 * 1024)
        {
            failures.Add($"{ProgramsOptions.SectionName}:MaxImportBytes must be between 1 KB and 50 MB.");
        }

        if (options.MaxImportRows is < 1 or > 100_000)
        {
            failures.Add($"{ProgramsOptions.SectionName}:MaxImportRows must be between 1 and 100,000.");
        }

        foreach (var (key, value) in new[] { ("CohortStart", options.Default.CohortStart), ("CohortEnd", options.Default.CohortEnd) })
        {
            if (value is { Length: > 0 } && !LocalDatePattern.Iso.Parse(value).Success)
            {
                failures.Add($"{ProgramsOptions.SectionName}:Default:{key} must be an ISO date (2026-09-01).");
            }
        }

        if (failures.Count == 0 && options.Default.Owners.Count > 0)
        {
            var errors = options.Default.ToProgram(new LocalDate(2026, 1, 1)).Validate();
            failures.AddRange(errors.Select(e => $"{ProgramsOptions.SectionName}:Default is not a valid program: {e}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
