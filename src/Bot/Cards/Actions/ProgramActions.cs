using MentorBot.Core;
namespace MentorBot.Bot.Cards.Actions;

/// <summary>"Join" on a program's consent card: the person's own yes, recorded as their consent.</summary>
public sealed record JoinProgramData(string ProgramId) : CardActionData;

/// <summary>"Not now" on a program's consent card: nothing is recorded; they can join later.</summary>
public sealed record NotNowProgramData(string ProgramId) : CardActionData;
