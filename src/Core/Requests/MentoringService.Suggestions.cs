using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

/// <summary>The colleague a junior named when saying no: what they typed, and who that is on MentorBot (null: nobody, or several).</summary>
internal sealed record ColleagueSuggestion(string Typed, UserId? Colleague);

public sealed partial class MentoringService
{
    /// <summary>Profiles read per page while looking up a suggested colleague's name.</summary>
    private const int NamePageSize = 200;

    /// <summary>
    /// "I can't, but ask …": the junior's no is recorded as any decline, and the colleague they named is asked next
    /// when the same rules allow it as for anyone (consent to the program, room for another pairing, not paused, outside
    /// the senior's reporting line, not asked before, offers the skill). Otherwise the next best colleague is asked. The
    /// senior's update says which happened; the name typed goes to the senior only when nobody on MentorBot has it.
    /// </summary>
    public async Task<DeclineOutcome> SuggestColleagueAsync(RequestId id, UserId junior, string colleague, CancellationToken cancellationToken)
    {
        var typed = colleague.Trim();
        if (TextLimits.Check(FreeTextField.SuggestedColleague, typed) is { } tooLong)
        {
            return new DeclineOutcome.TooLong(tooLong);
        }

        if (typed.Length == 0 || await requests.GetAsync(id, cancellationToken) is not { } stored)
        {
            return await DeclineAsync(id, junior, "suggestedColleague", cancellationToken);
        }

        var found = await FindByNameAsync(stored.Value.Tenant, typed, cancellationToken);
        return await DeclineCoreAsync(id, junior, $"suggestedColleague: {typed}", new ColleagueSuggestion(typed, found), cancellationToken);
    }

    private async Task<NextStep?> NextAfterSuggestionAsync(MentoringRequest declined, ColleagueSuggestion suggestion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (suggestion.Colleague is { } named
            && await NextStepAsync(declined, named, RequestProgressKind.SuggestedAsked, now, anyEligible: true, cancellationToken) is { Outcome: OfferOutcome.Offered } asked)
        {
            return asked;
        }

        var kind = suggestion.Colleague is null ? RequestProgressKind.SuggestedNotFound : RequestProgressKind.SuggestedCannotBeAsked;
        var next = await NextStepAsync(declined, null, kind, now, anyEligible: false, cancellationToken);
        if (next is null || suggestion.Colleague is not null)
        {
            return next;
        }

        // Nobody on MentorBot has the name: the senior gets it, to reach out to that person themselves.
        return next with
        {
            Notes = [.. next.Notes.Select(n => n.What is RequestProgress { Kind: RequestProgressKind.SuggestedNotFound } progress
                ? (n.To, (Notification)(progress with { Typed = suggestion.Typed }))
                : n)],
        };
    }

    private static SuggestedColleague SuggestionResult(ColleagueSuggestion suggestion, OfferOutcome? next) =>
        suggestion.Colleague is not { } named ? SuggestedColleague.NotFound
        : next is OfferOutcome.Offered { Candidate.Id: var asked } && asked == named ? SuggestedColleague.Asked
        : SuggestedColleague.CannotBeAsked;

    /// <summary>The one person in the tenant with this display name or e-mail (or, failing that, this first name); null for none or several.</summary>
    private async Task<UserId?> FindByNameAsync(Tenants.TenantId? tenant, string name, CancellationToken cancellationToken)
    {
        var wanted = Normalize(name);
        var exact = new List<UserId>();
        var byFirstName = new List<UserId>();
        string? continuation = null;
        do
        {
            var page = await profiles.ListInTenantAsync(tenant, NamePageSize, continuation, cancellationToken);
            foreach (var profile in page.Items.Select(p => p.Value))
            {
                var display = Normalize(profile.DisplayName);
                if (display == wanted || (profile.Email is { } email && Normalize(email) == wanted))
                {
                    exact.Add(profile.Id);
                }
                else if (display.StartsWith(wanted + " ", StringComparison.Ordinal))
                {
                    byFirstName.Add(profile.Id);
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return exact.Count == 1 ? exact[0] : exact.Count == 0 && byFirstName.Count == 1 ? byFirstName[0] : null;
    }

    private static string Normalize(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
