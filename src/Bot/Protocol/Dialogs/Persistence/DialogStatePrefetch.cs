using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Protocol.Dialogs.Persistence;

/// <summary>
/// The turn's dialog stack, read at the start of the turn together with the turn's other reads (decision 0410), so on
/// Azure Table storage it costs no round trip of its own. <see cref="DialogRunner"/> takes it once, for the same key;
/// every later load in the turn reads the store, so what the turn itself saved is never hidden by the early read.
/// </summary>
public sealed class DialogStatePrefetch
{
    private readonly DialogStateKey _key;
    private Task<Versioned<string>?>? _read;

    private DialogStatePrefetch(DialogStateKey key, Task<Versioned<string>?> read)
    {
        _key = key;
        _read = read;
    }

    /// <summary>Starts reading the stack of <paramref name="turnContext"/>'s conversation and keeps the read in its turn state.</summary>
    public static void Start(ITurnContext turnContext, IDialogStateStore store, CancellationToken cancellationToken)
    {
        var key = DialogStateKey.For(turnContext);
        var read = store.LoadAsync(key, cancellationToken);
        // A turn that never loads its stack (refused, redirected) must not leave an unobserved failure behind.
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        turnContext.TurnState.Set(new DialogStatePrefetch(key, read));
    }

    /// <summary>The early read of <paramref name="key"/>'s stack, the first time it is asked for; null after that or for another key.</summary>
    public static Task<Versioned<string>?>? Take(ITurnContext turnContext, DialogStateKey key) =>
        turnContext.TurnState.Get<DialogStatePrefetch>() is { } prefetch && prefetch._key == key
            ? Interlocked.Exchange(ref prefetch._read, null)
            : null;
}
