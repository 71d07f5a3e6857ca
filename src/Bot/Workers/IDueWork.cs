using MentorBot.Bot.Hosting.Testing;
namespace MentorBot.Bot.Workers;

/// <summary>
/// Work a background service does when its time comes (expired offers re-offered, nudges planned and sent). Services
/// run it on their own schedule; the Testing clock endpoint runs it at once after moving time, so a test's next step
/// sees its effects without sleeping.
/// </summary>
public interface IDueWork
{
    Task RunDueWorkAsync(CancellationToken cancellationToken);
}
