namespace MentorBot.E2E.Harness;

/// <summary>
/// The xunit collection of every end-to-end test: one <see cref="E2EEnvironment"/> for all of them, and the tests run
/// one after another, which the shared bot and Playgrounds need (one test's welcome must not be counted by another).
/// </summary>
[CollectionDefinition(Collection)]
public sealed class EndToEnd : ICollectionFixture<E2EEnvironment>
{
    public const string Collection = "End to end";
}
