namespace MentorBot.Core.Persistence;

/// <summary>
/// One page of a listing. <paramref name="ContinuationToken"/> is opaque: pass it back unchanged to get the next page;
/// <see langword="null"/> means the listing is complete. A page may be short, even empty, while a token is still
/// returned (Azure Table stops at partition and time boundaries), so loop on the token, not on the item count.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    public bool HasMore => ContinuationToken is not null;
}
