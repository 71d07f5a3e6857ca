using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using Microsoft.Extensions.Options;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Programs;

/// <summary>Who hears about private concerns while programs (and their owners) are not set up: <c>Concerns</c> section.</summary>
public sealed class ConcernOptions
{
    public const string SectionName = "Concerns";

    /// <summary>
    /// Entra object ids of the people who read concerns raised in pairs that belong to no program, or whose program has
    /// no owner or safeguarding contact outside the pair (decision 0240).
    /// </summary>
    public List<string> DefaultOwners { get; set; } = [];
}

/// <summary>What raising a concern came to.</summary>
public abstract record ConcernOutcome
{
    private ConcernOutcome()
    {
    }

    /// <param name="OwnersAlerted">How many readers the alert is on its way to (recorded for each reader MentorBot can
    /// reach, and sent through the outbox); zero means nobody is set up to receive it.</param>
    /// <param name="Readers">Who reads it, by role (never a name): what the person who raised it is told.</param>
    public sealed record Raised(Mentorship Mentorship, Profile Other, int OwnersAlerted, ConcernReaderRole Readers) : ConcernOutcome;

    public sealed record Refused(ConcernError Reason) : ConcernOutcome;

    public sealed record NotFound : ConcernOutcome;
}

/// <summary>
/// The private "this isn't working / I'm uncomfortable": the pairing pauses quietly (nudges stop with it), the
/// owners get the details, and the other person only hears that the pairing is paused — never why or who (0075).
/// Both messages are written with the pause, in the pairing's own write, and sent through the outbox (decision 0320).
/// </summary>
public sealed class ConcernService(
    IMentorshipStore mentorships,
    IProfileStore profiles,
    IRequestMessageDelivery delivery,
    IProgramStore programs,
    IConcernStore concerns,
    IOptions<ConcernOptions> options,
    TimeProvider time)
{
    private const int MaxWriteAttempts = 3;

    public async Task<ConcernOutcome> RaiseAsync(MentorshipId pairing, UserId by, string? details, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await mentorships.GetAsync(pairing, cancellationToken) is not { } stored || !stored.Value.Involves(by)
                || await profiles.GetAsync(by, cancellationToken) is not { }
                || await profiles.GetAsync(stored.Value.OtherThan(by), cancellationToken) is not { Value: var other })
            {
                return new ConcernOutcome.NotFound();
            }

            var raised = Concerns.Raise(stored.Value, by, details, time.GetUtcNow());
            if (!raised.IsOk)
            {
                return new ConcernOutcome.Refused(raised.Error!.Value);
            }

            var decision = raised.Value!;

            // The program's inbox keeps it (dashboard + audit) whenever the pair belongs to a program; the alert in chat
            // goes to its readers (ConcernAudience): never either of the pair, owner or not.
            var program = await ProgramOfAsync(decision.Mentorship, cancellationToken);
            var about = decision.Mentorship.OtherThan(by);
            var readers = ConcernAudience.For(program, by, about, DefaultContacts);
            var messages = new List<RequestMessage>();
            foreach (var reader in readers.People)
            {
                if (await delivery.CanReachAsync(reader, cancellationToken))
                {
                    messages.Add(ConcernMessage.ForConcern(reader, decision.Mentorship, by, decision.Alert.Details, decision.Concern.RaisedAt));
                }
            }

            var alerted = messages.Count;
            if (decision.NoticeToOther is { } notice)
            {
                messages.Add(PairingMessage.PausedQuietly(notice.Recipient, decision.Mentorship, decision.Concern.RaisedAt));
            }

            try
            {
                // The pause (or, for a pair already paused, the pairing unchanged but still conditional on what was
                // read) and the messages are one write: no alert for a pause that did not happen, none lost.
                await mentorships.ReplaceAsync(decision.Mentorship, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                continue;
            }

            if (program is not null)
            {
                var record = Programs.Concern.FromRaised(ConcernId.New(Guid.NewGuid()), program.Id, decision.Concern, about);
                await concerns.AddAsync(record, cancellationToken);
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return new ConcernOutcome.Raised(decision.Mentorship, other, alerted, readers.Role);
        }
    }

    private IEnumerable<UserId> DefaultContacts => options.Value.DefaultOwners.Select(id => new UserId(id.Trim()));

    /// <summary>
    /// Who would read a concern raised now about this pairing, by role: what the card tells the person before they send
    /// it. The same for either of the two, since neither may read it.
    /// </summary>
    public async Task<ConcernReaderRole> ReadersOfAsync(Mentorship pairing, CancellationToken cancellationToken) =>
        ConcernAudience.For(await ProgramOfAsync(pairing, cancellationToken), pairing.Senior, pairing.Junior, DefaultContacts).Role;

    /// <summary>The pair's program; a pair from before programs existed belongs to the tenant's only program, if one.</summary>
    private async Task<MentoringProgram?> ProgramOfAsync(Mentorship mentorship, CancellationToken cancellationToken)
    {
        if (mentorship.Program is { } id)
        {
            return (await programs.GetAsync(id, cancellationToken))?.Value;
        }

        var all = await programs.ListInTenantAsync(mentorship.Tenant, cancellationToken);
        return all.Count == 1 ? all[0].Value : null;
    }
}
