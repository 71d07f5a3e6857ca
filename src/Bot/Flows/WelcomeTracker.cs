using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Teams and the Agents Playground send installationUpdate and conversationUpdate together (in either order) and the
/// Playground again on every page load: a person without a profile is welcomed once per window, not once per event.
/// Process-local on purpose: a second instance may welcome once more, which is harmless. The bot added to a team or
/// group chat greets that conversation once per window the same way.
/// </summary>
public sealed class WelcomeTracker(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _welcomed = new(StringComparer.Ordinal);

    /// <summary>True the first time in <see cref="Window"/>; the caller then sends the welcome.</summary>
    public bool TryStartWelcome(UserId person) => TryStart("person:" + person.AadObjectId);

    /// <summary>The same for the one public greeting when the bot is added to a team or group chat.</summary>
    public bool TryStartConversationGreeting(string conversationId) => TryStart("conversation:" + conversationId);

    private bool TryStart(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_welcomed.TryGetValue(key, out var at) && now - at < Window)
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

            _welcomed[key] = now;
            return true;
        }
    }
}
