using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Tests.Protocol.Fakes;

namespace MentorBot.Bot.Tests.Protocol;

public sealed class MiddlewareSetTests
{
    [Fact]
    public async Task RunAsync_SeveralMiddleware_RunInRegistrationOrderAroundTheBot()
    {
        var log = new List<string>();
        var set = new MiddlewareSet([new Tracing("first", log), new Tracing("second", log)]);

        await set.RunAsync(Turn(), (_, _) => { log.Add("bot"); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["first:before", "second:before", "bot", "second:after", "first:after"], log);
    }

    [Fact]
    public async Task RunAsync_MiddlewareSkipsNext_LaterMiddlewareAndBotDoNotRun()
    {
        var log = new List<string>();
        var set = new MiddlewareSet([new Tracing("first", log), new ShortCircuit(log), new Tracing("third", log)]);

        await set.RunAsync(Turn(), (_, _) => { log.Add("bot"); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["first:before", "stop", "first:after"], log);
    }

    [Fact]
    public async Task RunAsync_NoMiddleware_RunsTheBot()
    {
        var ran = false;

        await new MiddlewareSet([]).RunAsync(Turn(), (_, _) => { ran = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(ran);
    }

    private static TurnContext Turn() => new(TestActivities.Message("hi"), new RecordingConnectorClient());

    private sealed class Tracing(string name, List<string> log) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            log.Add(name + ":before");
            await next(cancellationToken);
            log.Add(name + ":after");
        }
    }

    private sealed class ShortCircuit(List<string> log) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            log.Add("stop");
            return Task.CompletedTask;
        }
    }
}
