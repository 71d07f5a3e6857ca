using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;

namespace MentorBot.Storage.Tests;

/// <summary>The in-memory engine others use in unit tests must keep the same contract.</summary>
public sealed class InMemoryContractTests : TableEngineContractTests
{
    internal override ITableEngine Engine { get; } = new InMemoryTableEngine("m", TimeProvider.System);
}
