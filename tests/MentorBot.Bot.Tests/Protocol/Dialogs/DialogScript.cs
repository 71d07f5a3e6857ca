using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

/// <summary>
/// A conversation as data: what the user does, and what each turn must show. Reads like a chat transcript, so a
/// failing script names the exact exchange that went wrong.
/// </summary>
public sealed record DialogScript(string Name, params Exchange[] Exchanges)
{
    public override string ToString() => Name;

    public async Task RunAsync(TestAdapter adapter)
    {
        for (var i = 0; i < Exchanges.Length; i++)
        {
            var exchange = Exchanges[i];
            var turn = await exchange.Input.SendAsync(adapter);
            foreach (var expectation in exchange.Expectations)
            {
                var failure = expectation.Check(turn);
                Assert.True(failure is null, $"[{Name}] exchange {i + 1} ({exchange.Input}): {failure}\nBot said:\n{string.Join('\n', turn.VisibleTexts)}");
            }
        }
    }
}

public sealed record Exchange(UserInput Input, params Expect[] Expectations);

public abstract record UserInput
{
    public abstract Task<TestTurn> SendAsync(TestAdapter adapter);

    public static UserInput Say(string text) => new Said(text);

    public static UserInput Submit(string verb, object? data = null) => new Submitted(verb, data);

    public static UserInput Execute(string verb, object? data = null) => new Executed(verb, data);

    private sealed record Said(string Text) : UserInput
    {
        public override Task<TestTurn> SendAsync(TestAdapter adapter) => adapter.SendAsync(Text);

        public override string ToString() => $"says \"{Text}\"";
    }

    private sealed record Submitted(string Verb, object? Data) : UserInput
    {
        public override Task<TestTurn> SendAsync(TestAdapter adapter) => adapter.SubmitAsync(Verb, Data);

        public override string ToString() => $"submits {Verb}";
    }

    private sealed record Executed(string Verb, object? Data) : UserInput
    {
        public override Task<TestTurn> SendAsync(TestAdapter adapter) => adapter.InvokeAsync(Verb, Data);

        public override string ToString() => $"executes {Verb}";
    }
}

/// <summary>One check on a turn; returns null when it holds, else what was wrong.</summary>
public sealed record Expect(string Description, Func<TestTurn, bool> Holds)
{
    public static Expect Says(string fragment) =>
        new($"a reply containing \"{fragment}\"", t => t.VisibleTexts.Any(text => text.Contains(fragment, StringComparison.Ordinal)));

    public static Expect DoesNotSay(string fragment) =>
        new($"no reply containing \"{fragment}\"", t => !t.VisibleTexts.Any(text => text.Contains(fragment, StringComparison.Ordinal)));

    public static Expect Buttons(params string[] titles) =>
        new($"buttons [{string.Join(", ", titles)}]", t => t.ButtonTitles.SequenceEqual(titles));

    public static Expect CardWithVerb(string verb) =>
        new($"one card with verb {verb}", t => t.Cards.Count == 1 && CardJson.Verbs(t.Card).Contains(verb));

    public static Expect NoCard { get; } = new("no card", t => t.Cards.Count == 0);

    public static Expect Silence { get; } = new("no reply", t => t.Replies.Count == 0);

    public static Expect Banner(string text) => new($"invoke response \"{text}\"", t => t.InvokeMessage == text);

    public string? Check(TestTurn turn) => Holds(turn) ? null : $"expected {Description}";
}
