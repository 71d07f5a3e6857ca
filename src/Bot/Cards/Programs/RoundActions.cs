using MentorBot.Bot.Cards.Actions;
using MentorBot.Core;

namespace MentorBot.Bot.Cards.Programs;

/// <summary>An owner of several programs picked the one to run a round for.</summary>
public sealed record PreviewRoundData(string ProgramId) : CardActionData;

/// <summary>"Publish and send offers" on a round preview: publishes exactly the stored preview <paramref name="RoundId"/>.</summary>
public sealed record PublishRoundData(string ProgramId, string RoundId) : CardActionData;
