using MentorBot.Core.Persistence;

namespace MentorBot.Core.Profiles;

/// <summary>
/// Told when a profile was saved, so what is kept in memory about who can be matched follows at once (the live matching
/// index implements it). A port, so Profiles does not depend on the Requests folder that owns the index.
/// </summary>
public interface IProfileChanges
{
    Task ProfileSavedAsync(Profile profile, ETag etag, CancellationToken cancellationToken);
}
