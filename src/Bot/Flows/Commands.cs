using System.Globalization;
using System.Text.RegularExpressions;

namespace MentorBot.Bot.Flows;

public enum CommandKind
{
    None,
    Greeting,
    Help,
    Ask,
    Profile,
    MyMentoring,
    Pause,
    Resume,
    EndPairing,
    ForgetMe,
    ProgramStatus,
    JoinProgram,
    LeaveProgram,
    ProgramRound,
    MyPrograms,
    PauseProgram,
    ResumeProgram,
    SnoozeReminders,
    MuteReminders,
    UnmuteReminders,
    InviteParticipants,
}

/// <summary>A recognised command and whatever followed it ("pause until 3 March" → Pause, "until 3 March").</summary>
public sealed record Command(CommandKind Kind, string? Argument = null);

/// <summary>
/// The manifest's command list (help, ask, profile, my mentoring, pause, resume, end pairing, forget me…) plus a few
/// everyday ways of saying them, in every language of <c>CommandWords.resx</c> (decision 0382). Only the start of the
/// message counts, so "I need help with Excel" and "hjälp mig med Excel" stay asks.
/// </summary>
public static class Commands
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    // Longest phrase first, so "ask for help" wins over "ask"; built once from the resources, not per message.
    private static readonly (string Phrase, CommandKind Kind, bool TakesArgument)[] LongestFirst =
    [
        .. Enum.GetValues<CommandKind>()
            .Where(kind => kind != CommandKind.None)
            .SelectMany(kind => CommandWords.All($"Command.{kind}").Select(phrase => phrase.EndsWith(CommandWords.TakesArgumentMark, StringComparison.Ordinal)
                ? (phrase[..^CommandWords.TakesArgumentMark.Length], kind, true)
                : (phrase, kind, false)))
            .DistinctBy(p => p.Item1)
            .OrderByDescending(p => p.Item1.Length),
    ];

    /// <summary>Words people put after a greeting that do not change it: "hello there", "hi MentorBot", "hej allihop".</summary>
    private static readonly IReadOnlyList<string> GreetingTails = CommandWords.All("Greeting.Tails");

    private static readonly Regex Politeness = new(
        $@"^{CommandWords.Alternation("Politeness.Start")}\s+|\s+{CommandWords.Alternation("Politeness.End")}[.!]*$",
        RegexOptions.CultureInvariant,
        RegexTimeout);

    private static readonly Regex Spaces = new(@"\s+", RegexOptions.CultureInvariant, RegexTimeout);

    public static Command Recognize(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return new Command(CommandKind.None);
        }

        foreach (var (phrase, kind, takesArgument) in LongestFirst)
        {
            if (normalized == phrase)
            {
                return new Command(kind);
            }

            if (takesArgument && normalized.Length > phrase.Length && normalized[phrase.Length] == ' '
                && normalized.StartsWith(phrase, StringComparison.Ordinal))
            {
                return new Command(kind, normalized[(phrase.Length + 1)..].Trim());
            }
        }

        var lastSpace = normalized.LastIndexOf(' ');
        if (lastSpace > 0 && GreetingTails.Contains(normalized[(lastSpace + 1)..])
            && Recognize(normalized[..lastSpace]).Kind == CommandKind.Greeting)
        {
            return new Command(CommandKind.Greeting);
        }

        return new Command(CommandKind.None);
    }

    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var lower = text.Trim().ToLower(CultureInfo.InvariantCulture);
        lower = Politeness.Replace(lower, string.Empty);
        return Spaces.Replace(lower.Trim(' ', '.', '!', '?', ','), " ");
    }
}
