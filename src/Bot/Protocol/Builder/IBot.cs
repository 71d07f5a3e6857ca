namespace MentorBot.Bot.Protocol.Builder;

/// <summary>The bot's turn logic, called once per incoming activity after the middleware.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>Continues the turn with the next middleware, or the bot itself after the last one.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Bot Builder's name, kept so a move to the SDK is a rename-free swap.")]
public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>
/// Cross-cutting turn logic (tenant filter, conversation-reference capture, culture). Runs in registration order;
/// not calling <c>next</c> ends the turn there.
/// </summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}

/// <summary>Runs middleware in order and then the bot.</summary>
public sealed class MiddlewareSet(IEnumerable<IMiddleware> middleware)
{
    private readonly IMiddleware[] _middleware = [.. middleware];

    public Task RunAsync(ITurnContext turnContext, Func<ITurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken) =>
        RunFromAsync(0, turnContext, bot, cancellationToken);

    private Task RunFromAsync(int index, ITurnContext turnContext, Func<ITurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken) =>
        index == _middleware.Length
            ? bot(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, ct => RunFromAsync(index + 1, turnContext, bot, ct), cancellationToken);
}
