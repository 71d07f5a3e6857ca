using MentorBot.Core.Persistence;
using MentorBot.Bot.Protocol.Dialogs.Persistence;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

public sealed class InMemoryDialogStateStoreTests
{
    private static readonly DialogStateKey Key = new("msteams", "a:conversation", null);
    private readonly InMemoryDialogStateStore _store = new();

    [Fact]
    public async Task Save_WithTheETagJustRead_ReplacesAndIssuesANewETag()
    {
        var first = await _store.SaveAsync(Key, "one", null, CancellationToken.None);

        var second = await _store.SaveAsync(Key, "two", first, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(new Versioned<string>("two", second), await _store.LoadAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Save_WithAStaleETag_ThrowsConflictAndKeepsTheNewerState()
    {
        var stale = await _store.SaveAsync(Key, "one", null, CancellationToken.None);
        await _store.SaveAsync(Key, "two", stale, CancellationToken.None);

        var save = () => _store.SaveAsync(Key, "three", stale, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(save);
        Assert.Equal("two", (await _store.LoadAsync(Key, CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task Save_AsNewWhenAlreadyStored_ThrowsConflict()
    {
        await _store.SaveAsync(Key, "one", null, CancellationToken.None);

        var save = () => _store.SaveAsync(Key, "two", null, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(save);
    }

    [Fact]
    public async Task Delete_WithAStaleETag_ThrowsConflict()
    {
        var stale = await _store.SaveAsync(Key, "one", null, CancellationToken.None);
        await _store.SaveAsync(Key, "two", stale, CancellationToken.None);

        var delete = () => _store.DeleteAsync(Key, stale, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(delete);
    }

    [Fact]
    public async Task Delete_Unconditional_RemovesAndToleratesMissing()
    {
        await _store.SaveAsync(Key, "one", null, CancellationToken.None);

        await _store.DeleteAsync(Key, ETag.Any, CancellationToken.None);
        await _store.DeleteAsync(Key, ETag.Any, CancellationToken.None);

        Assert.Null(await _store.LoadAsync(Key, CancellationToken.None));
    }
}
