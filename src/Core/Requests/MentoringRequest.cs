using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Requests;

/// <summary>How the senior would like to learn.</summary>
public enum MeetingFormat
{
    Chat,
    Call,
    Shadowing,
}

public enum Urgency
{
    NoRush,
    ThisMonth,
    ThisWeek,
}

public enum RequestStatus
{
    /// <summary>Waiting for MentorBot to offer it to someone (new, or after a decline or an expired offer).</summary>
    Searching,

    /// <summary>Offered to one colleague who has not answered yet.</summary>
    Offered,

    Matched,

    /// <summary>Nobody left who fits; the senior was told why.</summary>
    NoCandidates,

    Withdrawn,
}

public enum OfferStatus
{
    Pending,
    Accepted,
    Declined,
    Expired,

    /// <summary>Someone else accepted first, or the senior withdrew the request.</summary>
    Closed,
}

/// <summary>One colleague the request was offered to, and what became of it.</summary>
public sealed record Offer(
    UserId Candidate,
    DateTimeOffset OfferedAt,
    DateTimeOffset ExpiresAt,
    OfferStatus Status,
    DateTimeOffset? AnsweredAt = null,
    string? DeclineReason = null);

/// <summary>
/// A senior's request for help with one skill, and the offers made for it. Immutable: every transition returns a new
/// request (or a typed refusal), so the caller can write it back with the version it read — the store's ETag check
/// is what makes "first accept wins" hold across bot instances.
/// </summary>
public sealed record MentoringRequest(
    RequestId Id,
    UserId Senior,
    SkillId Skill,
    string? Goal,
    MeetingFormat Format,
    Urgency Urgency,
    DateTimeOffset CreatedAt,
    RequestStatus Status,
    IReadOnlyList<Offer> Offers,
    UserId? MatchedWith = null,
    DateTimeOffset? ClosedAt = null,
    ProgramId? Program = null)
{
    /// <summary>The senior's tenant (null: the default tenant): only colleagues of the same tenant are ranked or offered the request.</summary>
    public TenantId? Tenant { get; init; }

    /// <param name="program">The program the senior asks in (only its consented members are offered it); null outside programs.</param>
    public static MentoringRequest Create(
        RequestId id, UserId senior, SkillId skill, string? goal, MeetingFormat format, Urgency urgency, DateTimeOffset now, ProgramId? program = null) =>
        new(id, senior, skill, string.IsNullOrWhiteSpace(goal) ? null : goal.Trim(), format, urgency, now, RequestStatus.Searching, [], Program: program);

    public bool IsOpen => Status is RequestStatus.Searching or RequestStatus.Offered;

    public Offer? PendingOffer => Offers.FirstOrDefault(o => o.Status == OfferStatus.Pending);

    /// <summary>Everyone this request was already offered to; they are not asked again for the same request.</summary>
    public IEnumerable<UserId> AskedCandidates => Offers.Select(o => o.Candidate);

    public RequestTransition OfferTo(UserId candidate, DateTimeOffset now, TimeSpan answerWindow)
    {
        if (!IsOpen)
        {
            return new RequestTransition.Refused(RefusalReason.RequestClosed);
        }

        if (PendingOffer is not null)
        {
            return new RequestTransition.Refused(RefusalReason.OfferAlreadyPending);
        }

        if (candidate == Senior || AskedCandidates.Contains(candidate))
        {
            return new RequestTransition.Refused(RefusalReason.AlreadyAsked);
        }

        var offer = new Offer(candidate, now, now + answerWindow, OfferStatus.Pending);
        return new RequestTransition.Changed(this with { Status = RequestStatus.Offered, Offers = [.. Offers, offer] });
    }

    /// <summary>
    /// First accept wins. A colleague whose offer expired may still accept while nobody else has: the request is
    /// still unanswered and a late yes is better than asking someone new. Any other pending offer is then closed.
    /// </summary>
    public RequestTransition Accept(UserId candidate, DateTimeOffset now)
    {
        if (Status == RequestStatus.Matched)
        {
            return MatchedWith == candidate
                ? new RequestTransition.Unchanged(this)
                : new RequestTransition.Refused(RefusalReason.AlreadyMatched);
        }

        if (Status == RequestStatus.Withdrawn)
        {
            return new RequestTransition.Refused(RefusalReason.RequestClosed);
        }

        var offer = Offers.FirstOrDefault(o => o.Candidate == candidate);
        if (offer is null)
        {
            return new RequestTransition.Refused(RefusalReason.NotOffered);
        }

        if (offer.Status == OfferStatus.Declined)
        {
            return new RequestTransition.Refused(RefusalReason.AlreadyDeclined);
        }

        // An offer settles when its answer window passes (decision 0252): the senior has been told and someone else
        // may be asked already, so a late "yes" is answered honestly instead of pairing behind everyone's back.
        if (offer.Status is OfferStatus.Expired or OfferStatus.Closed || now >= offer.ExpiresAt || !IsOpen)
        {
            return new RequestTransition.Refused(RefusalReason.OfferExpired);
        }

        var offers = Offers.Select(o =>
            o.Candidate == candidate ? o with { Status = OfferStatus.Accepted, AnsweredAt = now }
            : o.Status == OfferStatus.Pending ? o with { Status = OfferStatus.Closed, AnsweredAt = now }
            : o).ToList();

        return new RequestTransition.Changed(this with
        {
            Status = RequestStatus.Matched,
            Offers = offers,
            MatchedWith = candidate,
            ClosedAt = now,
        });
    }

    public RequestTransition Decline(UserId candidate, string? reason, DateTimeOffset now)
    {
        var offer = Offers.FirstOrDefault(o => o.Candidate == candidate);
        if (offer is null)
        {
            return new RequestTransition.Refused(RefusalReason.NotOffered);
        }

        if (offer.Status == OfferStatus.Declined)
        {
            return new RequestTransition.Unchanged(this);
        }

        if (offer.Status == OfferStatus.Accepted)
        {
            return new RequestTransition.Refused(RefusalReason.AlreadyAccepted);
        }

        var wasPending = offer.Status == OfferStatus.Pending;
        var offers = Offers.Select(o => o.Candidate == candidate
            ? o with { Status = OfferStatus.Declined, AnsweredAt = now, DeclineReason = Clean(reason) }
            : o).ToList();

        // A decline of an already expired or closed offer is recorded but does not change where the request stands.
        var status = wasPending && Status == RequestStatus.Offered ? RequestStatus.Searching : Status;
        return new RequestTransition.Changed(this with { Status = status, Offers = offers });
    }

    /// <summary>Expires the pending offer when its answer window has passed, so the next colleague can be asked.</summary>
    public RequestTransition ExpireOffer(DateTimeOffset now)
    {
        if (PendingOffer is not { } pending || now < pending.ExpiresAt)
        {
            return new RequestTransition.Unchanged(this);
        }

        var offers = Offers.Select(o => o == pending ? o with { Status = OfferStatus.Expired } : o).ToList();
        return new RequestTransition.Changed(this with { Status = RequestStatus.Searching, Offers = offers });
    }

    public RequestTransition MarkNoCandidates(DateTimeOffset now) => Status == RequestStatus.Searching
        ? new RequestTransition.Changed(this with { Status = RequestStatus.NoCandidates, ClosedAt = now })
        : new RequestTransition.Refused(RefusalReason.RequestClosed);

    /// <summary>
    /// Nobody could help, and now someone new can: the request searches again (the senior's watch); everyone asked
    /// before stays asked.
    /// </summary>
    public RequestTransition Reopen() => Status == RequestStatus.NoCandidates
        ? new RequestTransition.Changed(this with { Status = RequestStatus.Searching, ClosedAt = null })
        : new RequestTransition.Refused(RefusalReason.RequestClosed);

    public RequestTransition Withdraw(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return new RequestTransition.Refused(RefusalReason.RequestClosed);
        }

        var offers = Offers.Select(o => o.Status == OfferStatus.Pending ? o with { Status = OfferStatus.Closed, AnsweredAt = now } : o).ToList();
        return new RequestTransition.Changed(this with { Status = RequestStatus.Withdrawn, Offers = offers, ClosedAt = now });
    }

    /// <summary>
    /// Removes a colleague who asked MentorBot to forget them: their id becomes <paramref name="placeholder"/> and their
    /// decline note is dropped, while the offer itself stays so the request's history (and who was asked) still adds up.
    /// </summary>
    public RequestTransition ForgetCandidate(UserId candidate, UserId placeholder)
    {
        if (!AskedCandidates.Contains(candidate) && MatchedWith != candidate)
        {
            return new RequestTransition.Unchanged(this);
        }

        var offers = Offers.Select(o => o.Candidate == candidate ? o with { Candidate = placeholder, DeclineReason = null } : o).ToList();
        return new RequestTransition.Changed(this with
        {
            Offers = offers,
            MatchedWith = MatchedWith == candidate ? placeholder : MatchedWith,
        });
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public enum RefusalReason
{
    RequestClosed,
    AlreadyMatched,
    AlreadyAccepted,
    AlreadyDeclined,
    AlreadyAsked,
    NotOffered,
    OfferAlreadyPending,

    /// <summary>The offer's answer window passed (or the request closed) before the answer came.</summary>
    OfferExpired,
}

/// <summary>The outcome of asking a request to change: a new state to save, nothing to do, or a refusal with a reason.</summary>
public abstract record RequestTransition
{
    private RequestTransition()
    {
    }

    public sealed record Changed(MentoringRequest Request) : RequestTransition;

    public sealed record Unchanged(MentoringRequest Request) : RequestTransition;

    public sealed record Refused(RefusalReason Reason) : RequestTransition;
}
