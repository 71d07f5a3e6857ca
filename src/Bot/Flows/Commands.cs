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
    SnoozeReminders,
    MuteReminders,
    UnmuteReminders,
}

/// <summary>A recognised command and whatever followed it ("pause until 3 March" → Pause, "until 3 March").</summary>
public sealed record Command(CommandKind Kind, string? Argument = null);

/// <summary>
/// The manifest's command list (help, ask, profile, my mentoring, pause, resume, end pairing, forget me) plus a few
/// everyday ways of saying them. Only the start of the message counts, so "I need help with Excel" stays an ask.
/// </summary>
public static partial class Commands
{
    private static readonly (string Phrase, CommandKind Kind, bool TakesArgument)[] Phrases =
    [
        ("help", CommandKind.Help, false),
        ("menu", CommandKind.Help, false),
        ("what can you do", CommandKind.Help, false),
        ("ask", CommandKind.Ask, true),
        ("ask for help", CommandKind.Ask, true),
        ("profile", CommandKind.Profile, false),
        ("my profile", CommandKind.Profile, false),
        ("edit profile", CommandKind.Profile, false),
        ("edit my profile", CommandKind.Profile, false),
        ("update profile", CommandKind.Profile, false),
        ("set up profile", CommandKind.Profile, false),
        ("set up my profile", CommandKind.Profile, false),
        ("my mentoring", CommandKind.MyMentoring, false),
        ("my requests", CommandKind.MyMentoring, false),
        ("my pairings", CommandKind.MyMentoring, false),
        ("status", CommandKind.MyMentoring, false),
        ("pause", CommandKind.Pause, true),
        ("take a break", CommandKind.Pause, true),
        ("resume", CommandKind.Resume, false),
        ("unpause", CommandKind.Resume, false),
        ("end pairing", CommandKind.EndPairing, false),
        ("end my pairing", CommandKind.EndPairing, false),
        ("forget me", CommandKind.ForgetMe, false),
        ("delete my data", CommandKind.ForgetMe, false),
        ("program status", CommandKind.ProgramStatus, false),
        ("join program", CommandKind.JoinProgram, false),
        ("join the program", CommandKind.JoinProgram, false),
        ("leave program", CommandKind.LeaveProgram, false),
        ("leave the program", CommandKind.LeaveProgram, false),
        ("program round", CommandKind.ProgramRound, false),
        ("snooze reminders", CommandKind.SnoozeReminders, true),
        ("snooze nudges", CommandKind.SnoozeReminders, true),
        ("snooze", CommandKind.SnoozeReminders, true),
        ("mute reminders", CommandKind.MuteReminders, false),
        ("mute nudges", CommandKind.MuteReminders, false),
        ("stop reminders", CommandKind.MuteReminders, false),
        ("unmute reminders", CommandKind.UnmuteReminders, false),
        ("unmute nudges", CommandKind.UnmuteReminders, false),
        ("reminders on", CommandKind.UnmuteReminders, false),
        ("hi", CommandKind.Greeting, false),
        ("hello", CommandKind.Greeting, false),
        ("hey", CommandKind.Greeting, false),
        ("hej", CommandKind.Greeting, false),
        ("hiya", CommandKind.Greeting, false),
        ("good morning", CommandKind.Greeting, false),
        ("good afternoon", CommandKind.Greeting, false),
        ("good evening", CommandKind.Greeting, false),
        ("start", CommandKind.Greeting, false),
    ];

    // Longest phrase first, so "ask for help" wins over "ask"; sorted once, not per message (a stable sort, same order).
    private static readonly (string Phrase, CommandKind Kind, bool TakesArgument)[] LongestFirst = [.. Phrases.OrderByDescending(p => p.Phrase.Length)];

    /// <summary>Words people put after a greeting that do not change it: "hello there", "hi MentorBot", "hey team".</summary>
    private static readonly string[] GreetingTails = ["there", "mentorbot", "bot", "again", "all", "team", "everyone"];

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
        lower = Politeness().Replace(lower, string.Empty);
        return Spaces().Replace(lower.Trim(' ', '.', '!', '?', ','), " ");
    }

    [GeneratedRegex(@"^(please\s+|pls\s+)|(\s+please|\s+pls|\s+thanks|\s+thank you)[.!]*$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Politeness();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Spaces();
}
