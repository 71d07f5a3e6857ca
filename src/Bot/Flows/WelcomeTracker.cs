using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Teams and the Agents Playground send installationUpdate and conversationUpdate together (in either order) and the
/// Playground again on every page load: a person without a profile is welcomed once per window, not once per event.
/// Process-local on purpose: a second instance may welcome once more, which is harmless.
/// </summary>
public sealed class WelcomeTracker(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<UserId, DateTimeOffset> _welcomed = [];

    /// <summary>True the first time in <see cref="Window"/>; the caller then sends the welcome.</summary>
    public bool TryStartWelcome(UserId person)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_welcomed.TryGetValue(person, out var at) && now - at < Window)
            {
                return false;
            }

            if (_welcomed.Count > 10_000)
            {
                foreach (var old in _welcomed.Where(w => now - w.Value >= Window).Select(w => w.Key).ToList())
                {
                    _welcomed.Remove(old);
                }
            }

            _welcomed[person] = now;
            return true;
        }
    }
}
