using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>The outcome of an upload: refused as a whole, checked only, or saved.</summary>
internal abstract record ImportRun
{
    private ImportRun()
    {
    }

    public sealed record Refused(IReadOnlyList<ImportProblem> Problems) : ImportRun;

    public sealed record Done(ImportResultView Result) : ImportRun;
}

/// <summary>
/// Checks an owner's participant file with Core's all-or-nothing import (decision 0101) and, when it is clean and this
/// is not a dry run, saves it: a profile for each person who has none (an existing profile is the person's own and is
/// left alone), and an invitation for each person not yet in the program. Someone already consented, declined or
/// withdrawn keeps their state: an import never re-invites or resets a person's own choice. Everything is the program's
/// tenant's (decision 0230): only its people are recognised, new profiles are written in it, and a row naming a person
/// of another tenant is left out rather than enrolled.
/// </summary>
internal sealed class ParticipantImportService(
    ISkillLookup skills,
    IProfileStore profiles,
    IEnrolmentStore enrolments,
    IOptions<ProgramsOptions> options,
    TimeProvider time,
    ISuppressionList? suppression = null)
{
    public async Task<ImportRun> RunAsync(Stream csv, ProgramId program, TenantId? tenant, bool dryRun, CancellationToken cancellationToken)
    {
        var known = KnownPeople.From(await AllProfilesAsync(tenant, cancellationToken));
        var limits = new ImportLimits(options.Value.MaxImportBytes, options.Value.MaxImportRows);
        var now = time.GetUtcNow();
        var outcome = await new ParticipantCsvImport(skills, limits).DryRunAsync(csv, program, known, now, cancellationToken);
        if (outcome is ImportOutcome.Rejected rejected)
        {
            return new ImportRun.Refused(rejected.Problems);
        }

        var ready = ((ImportOutcome.Ready)outcome).Participants;
        var existing = (await enrolments.ListAsync(program, cancellationToken)).Select(e => e.Value.Person).ToHashSet();
        int newlyInvited = 0, newProfiles = 0;
        var erasedLines = new List<int>();
        foreach (var participant in ready)
        {
            var person = participant.Profile.Id;
            var isNewProfile = !known.Contains(person);
            if (isNewProfile && await profiles.GetAsync(person, cancellationToken) is { Value.Tenant: var theirs } && theirs != tenant)
            {
                continue;
            }

            // Someone who asked to be forgotten is not recreated by an owner's file; they come back by messaging the
            // bot themselves (decision 0291). The report gives the line only: the file already says who it is.
            if (isNewProfile && suppression is not null && await suppression.ContainsAsync(person, cancellationToken))
            {
                erasedLines.Add(participant.Line);
                continue;
            }

            var isNewEnrolment = !existing.Contains(person);
            if (!dryRun && isNewProfile)
            {
                await InsertIfAbsentAsync(() => profiles.InsertAsync(participant.Profile with { Tenant = tenant }, cancellationToken));
            }

            if (!dryRun && isNewEnrolment)
            {
                await InsertIfAbsentAsync(() => enrolments.InsertAsync(participant.Enrolment, cancellationToken));
            }

            newProfiles += isNewProfile ? 1 : 0;
            newlyInvited += isNewEnrolment ? 1 : 0;
        }

        var imported = ready.Count - erasedLines.Count;
        return new ImportRun.Done(new ImportResultView(dryRun, imported, newlyInvited, imported - newlyInvited, newProfiles, erasedLines));
    }

    // The person may have said hello to the bot (or joined) between the check and the write: theirs wins.
    private static async Task InsertIfAbsentAsync(Func<Task<ETag>> insert)
    {
        try
        {
            await insert();
        }
        catch (ConcurrencyConflictException conflict) when (conflict.Kind == ConcurrencyConflictKind.EntityExists)
        {
        }
    }

    private async Task<List<Profile>> AllProfilesAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var all = new List<Profile>();
        string? token = null;
        do
        {
            var page = await profiles.ListInTenantAsync(tenant, 500, token, cancellationToken);
            all.AddRange(page.Items.Select(p => p.Value));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }
}
