namespace MentorBot.Core.Profiles;

/// <summary>
/// A person's stable identity: the Entra (AAD) object id. Teams channel-account ids (<c>29:…</c>) differ per bot
/// and are kept apart in <see cref="TeamsUserId"/> so the two can never be confused.
/// </summary>
public readonly record struct UserId(string AadObjectId)
{
    public override string ToString() => AadObjectId;
}

/// <summary>The Teams channel-account id (<c>29:…</c>) a bot sees for a person; needed to open a 1:1 chat.</summary>
public readonly record struct TeamsUserId(string Value)
{
    public override string ToString() => Value;
}
