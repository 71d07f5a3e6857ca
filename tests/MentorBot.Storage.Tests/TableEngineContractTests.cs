using MentorBot.Bot.Storage;
using MentorBot.Core.Persistence;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The one contract every <see cref="ITableEngine"/> must meet, run against each backend by a subclass. Each test
/// works in its own fresh table so tests cannot see each other's rows.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal abstract ITableEngine Engine { get; }

    /// <summary>A second engine over the same storage, as a second bot instance would have (own pool, own HTTP client).</summary>
    internal virtual ITableEngine CreateSecondEngine() => Engine;

    [Fact]
    public async Task Insert_NewEntity_GetReturnsPropertiesETagAndTimestamp()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["Name"] = "Ada", ["Count"] = 3 };

        var etag = await table.InsertAsync(entity, None);
        var read = await table.GetAsync("p", "r", None);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("Ada", read["Name"].AsString());
        Assert.Equal(3, read["Count"].AsInt32());
        Assert.Equal(2, read.Properties.Count);
    }

    [Fact]
    public async Task Get_MissingEntity_ReturnsNull()
    {
        var table = await NewTableAsync();

        var read = await table.GetAsync("p", "nobody", None);

        Assert.Null(read);
    }

    [Fact]
    public async Task Insert_ExistingKey_ThrowsEntityExistsAndKeepsOriginal()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.InsertAsync(new TableEntity("p", "r") { ["V"] = 2 }, None));

        Assert.Equal(ConcurrencyConflictKind.EntityExists, ex.Kind);
        Assert.Equal(1, (await table.GetAsync("p", "r", None))!["V"].AsInt32());
    }

    [Fact]
    public async Task Replace_CurrentETag_ReplacesAllPropertiesAndChangesETag()
    {
        var table = await NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "b" }, None);

        var second = await table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 2 }, first, None);
        var read = await table.GetAsync("p", "r", None);

        Assert.NotEqual(first, second);
        Assert.Equal(second, read!.ETag);
        Assert.Equal(2, read["A"].AsInt32());
        Assert.False(read.TryGet("B", out _));
    }

    [Fact]
    public async Task Replace_StaleETag_ThrowsPreconditionFailedAndKeepsNewerWrite()
    {
        var table = await NewTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        await table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 2 }, stale, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 3 }, stale, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, ex.Kind);
        Assert.Equal(2, (await table.GetAsync("p", "r", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Replace_DeletedEntity_ThrowsEntityMissing()
    {
        var table = await NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        await table.DeleteAsync("p", "r", etag, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 2 }, etag, None));
        var any = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 2 }, ETag.Any, None));

        Assert.Equal(ConcurrencyConflictKind.EntityMissing, ex.Kind);
        Assert.Equal(ConcurrencyConflictKind.EntityMissing, any.Kind);
        Assert.Null(await table.GetAsync("p", "r", None));
    }

    [Fact]
    public async Task Merge_CurrentETag_UpdatesGivenPropertiesAndKeepsOthers()
    {
        var table = await NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "keep" }, None);

        var merged = await table.MergeAsync(new TableEntity("p", "r") { ["A"] = 2, ["C"] = true }, etag, None);
        var read = await table.GetAsync("p", "r", None);

        Assert.Equal(merged, read!.ETag);
        Assert.Equal(2, read["A"].AsInt32());
        Assert.Equal("keep", read["B"].AsString());
        Assert.True(read["C"].AsBoolean());
    }

    [Fact]
    public async Task Merge_StaleETag_ThrowsPreconditionFailed()
    {
        var table = await NewTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        await table.MergeAsync(new TableEntity("p", "r") { ["A"] = 2 }, stale, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.MergeAsync(new TableEntity("p", "r") { ["A"] = 3 }, stale, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, ex.Kind);
        Assert.Equal(2, (await table.GetAsync("p", "r", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task MergeWithoutETag_MissingThenExisting_InsertsThenMerges()
    {
        var table = await NewTableAsync();

        await table.MergeAsync(new TableEntity("p", "r") { ["A"] = 1 }, null, None);
        await table.MergeAsync(new TableEntity("p", "r") { ["B"] = 2 }, null, None);
        var read = await table.GetAsync("p", "r", None);

        Assert.Equal(1, read!["A"].AsInt32());
        Assert.Equal(2, read["B"].AsInt32());
    }

    [Fact]
    public async Task Upsert_MissingThenExisting_InsertsThenReplaces()
    {
        var table = await NewTableAsync();

        var first = await table.UpsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        var second = await table.UpsertAsync(new TableEntity("p", "r") { ["B"] = 2 }, None);
        var read = await table.GetAsync("p", "r", None);

        Assert.NotEqual(first, second);
        Assert.False(read!.TryGet("A", out _));
        Assert.Equal(2, read["B"].AsInt32());
    }

    [Fact]
    public async Task Delete_StaleETag_ThrowsPreconditionFailedAndKeepsEntity()
    {
        var table = await NewTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        await table.ReplaceAsync(new TableEntity("p", "r") { ["A"] = 2 }, stale, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.DeleteAsync("p", "r", stale, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, ex.Kind);
        Assert.NotNull(await table.GetAsync("p", "r", None));
    }

    [Fact]
    public async Task Delete_CurrentETag_RemovesEntity()
    {
        var table = await NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);

        var deleted = await table.DeleteAsync("p", "r", etag, None);

        Assert.True(deleted);
        Assert.Null(await table.GetAsync("p", "r", None));
    }

    [Fact]
    public async Task Delete_MissingEntity_AnyReturnsFalseSpecificETagConflicts()
    {
        var table = await NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);
        await table.DeleteAsync("p", "r", ETag.Any, None);

        var again = await table.DeleteAsync("p", "r", ETag.Any, None);
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.DeleteAsync("p", "r", etag, None));

        Assert.False(again);
        Assert.Equal(ConcurrencyConflictKind.EntityMissing, ex.Kind);
    }

    [Fact]
    public async Task TypedProperties_EdgeValues_RoundTripThroughGetAndQuery()
    {
        var table = await NewTableAsync();
        const string partitionKey = "pk O'Brien \"quoted\" % + & = ü 😀";
        const string rowKey = "row 'single' ''double'' é 中文 %20 ~";
        var when = new DateTimeOffset(2026, 11, 22, 9, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["LongMax"] = long.MaxValue,
            ["LongMin"] = long.MinValue,
            ["IntMin"] = int.MinValue,
            ["IntMax"] = int.MaxValue,
            ["DoubleWhole"] = 42.0,
            ["DoubleFraction"] = 0.1,
            ["DoubleMax"] = double.MaxValue,
            ["DoubleTiny"] = double.Epsilon,
            ["True"] = true,
            ["False"] = false,
            ["When"] = when,
            ["MinDate"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["MaxDate"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9999999),
            ["Id"] = guid,
            ["EmptyBinary"] = Array.Empty<byte>(),
            ["Binary"] = new byte[] { 0, 1, 2, 253, 254, 255 },
            ["Unicode"] = "Zoë 🚀 中文 עברית \u00A0 \\ / \"",
            ["Quotes"] = "O'Brien said \"hi\" ''",
            ["Empty"] = string.Empty,
            ["Digits"] = "12345",
        };

        await table.InsertAsync(entity, None);
        var viaGet = await table.GetAsync(partitionKey, rowKey, None);
        var viaQuery = Assert.Single((await table.QueryAsync(partitionKey, null, null, null, None)).Items);

        foreach (var read in new[] { viaGet!, viaQuery })
        {
            Assert.Equal(partitionKey, read.PartitionKey);
            Assert.Equal(rowKey, read.RowKey);
            Assert.Equal(entity.Properties.Count, read.Properties.Count);
            foreach (var (name, expected) in entity.Properties)
            {
                Assert.True(read.TryGet(name, out var actual), $"missing {name}");
                Assert.Equal(expected.Type, actual.Type);
                Assert.True(expected == actual, $"{name}: expected {expected}, got {actual}");
            }

            Assert.Equal(when.UtcTicks, read["When"].AsDateTime().UtcTicks);
            Assert.Equal(TimeSpan.Zero, read["When"].AsDateTime().Offset);
            Assert.Equal(long.MaxValue, read["LongMax"].AsInt64());
            Assert.Equal("12345", read["Digits"].AsString());
        }
    }

    [Fact]
    public async Task Query_StringWithQuote_MatchesOnlyThatValue()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "1") { ["Name"] = "O'Brien" }, None);
        await table.InsertAsync(new TableEntity("p", "2") { ["Name"] = "OBrien" }, None);
        await table.InsertAsync(new TableEntity("p", "3") { ["Name"] = "O''Brien" }, None);

        var page = await table.QueryAsync("p", EntityFilter.Equal("Name", "O'Brien"), null, null, None);

        Assert.Equal("1", Assert.Single(page.Items).RowKey);
    }

    [Fact]
    public async Task Query_StringEquality_MatchesOnlyStringsWithThatExactText()
    {
        // SQLite narrows a string equality in SQL before reading the rows (issue #16, decision 0420): the narrowing must
        // never drop a row the filter keeps (escaped text, merged rows, a value inside another value) nor keep another.
        // Values of other types stored as the same text: SqliteContractTests (Azurite compares those loosely).
        var table = await NewTableAsync();
        var guid = Guid.Parse("0b7e5f4a-0000-4000-8000-00000000a001");
        await table.InsertAsync(new TableEntity("p", "1") { ["Key"] = "12345", ["Other"] = "x" }, None);
        await table.InsertAsync(new TableEntity("p", "4") { ["Key"] = guid.ToString("D") }, None);
        await table.InsertAsync(new TableEntity("p", "5") { ["Key"] = "Ünïcødé \"quoted\" \\ 🚀" }, None);
        await table.InsertAsync(new TableEntity("p", "6") { ["Key"] = "unicode \"quoted\" \\ 🚀" }, None);
        await table.InsertAsync(new TableEntity("p", "7") { ["Other"] = "12345" }, None);
        await table.InsertAsync(new TableEntity("p", "a") { ["Key"] = "m-1", ["Json"] = "{\"key\":\"m-10\"}" }, None);
        await table.InsertAsync(new TableEntity("p", "b") { ["Key"] = "m-10" }, None);
        await table.InsertAsync(new TableEntity("q", "8") { ["Key"] = "12345" }, None);
        await table.UpsertAsync(new TableEntity("p", "9") { ["Key"] = "before", ["Other"] = "y" }, None);
        await table.MergeAsync(new TableEntity("p", "9") { ["Key"] = "12345" }, null, None);

        async Task<string[]> Rows(EntityFilter filter) =>
            (await table.QueryAsync("p", filter, null, null, None)).Items.Select(e => e.RowKey).ToArray();

        Assert.Equal(["1", "9"], await Rows(EntityFilter.Equal("Key", "12345")));
        Assert.Equal(["4"], await Rows(EntityFilter.Equal("Key", guid.ToString("D"))));
        Assert.Equal(["5"], await Rows(EntityFilter.Equal("Key", "Ünïcødé \"quoted\" \\ 🚀")));
        Assert.Equal(["1"], await Rows(EntityFilter.Equal("Key", "12345") & EntityFilter.Equal("Other", "x")));
        Assert.Equal(["1", "7", "9"], await Rows(EntityFilter.Equal("Key", "12345") | EntityFilter.Equal("Other", "12345")));
        Assert.Empty(await Rows(EntityFilter.Equal("Key", "before")));
        Assert.Equal(["9"], await Rows(EntityFilter.Equal("Key", "12345") & EntityFilter.Equal("Other", "y")));
        Assert.Equal(["a"], await Rows(EntityFilter.Equal("Key", "m-1")));
        Assert.Equal(["b"], await Rows(EntityFilter.Equal("Key", "m-10")));
        Assert.Equal(["4", "5", "6", "a", "b"], await Rows(EntityFilter.NotEqual("Key", "12345")));
    }

    [Fact]
    public async Task Query_TypedComparisonsWithAndOr_MatchLikeAzure()
    {
        var table = await NewTableAsync();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var special = Guid.NewGuid();
        for (var i = 0; i < 10; i++)
        {
            await table.InsertAsync(new TableEntity("p", $"r{i:D2}")
            {
                ["Int"] = i,
                ["Long"] = 10_000_000_000L + i,
                ["Dbl"] = i + 0.5,
                ["When"] = t0.AddDays(i),
                ["Flag"] = i % 2 == 0,
                ["Id"] = i == 7 ? special : Guid.Empty,
                ["Text"] = i < 5 ? "low" : "high",
            }, None);
        }

        async Task<string[]> Rows(EntityFilter filter) =>
            (await table.QueryAsync("p", filter, null, null, None)).Items.Select(e => e.RowKey).ToArray();

        Assert.Equal(["r07", "r08", "r09"], await Rows(EntityFilter.GreaterThan("Int", 6)));
        Assert.Equal(["r00", "r01"], await Rows(EntityFilter.LessThan("Long", 10_000_000_002L)));
        Assert.Equal(["r09"], await Rows(EntityFilter.GreaterThanOrEqual("Dbl", 9.5)));
        Assert.Equal(["r00", "r01", "r02"], await Rows(EntityFilter.LessThanOrEqual("When", t0.AddDays(2))));
        Assert.Equal(["r07"], await Rows(EntityFilter.Equal("Id", special)));
        Assert.Equal(["r06", "r08"], await Rows(EntityFilter.Equal("Flag", true) & EntityFilter.Equal("Text", "high")));
        Assert.Equal(["r00", "r09"], await Rows(EntityFilter.Equal("Int", 0) | EntityFilter.Equal("Int", 9)));
        Assert.Equal(["r03", "r04", "r05"], await Rows(EntityFilter.GreaterThanOrEqual(EntityFilter.RowKeyName, "r03") & EntityFilter.LessThan(EntityFilter.RowKeyName, "r06")));
        Assert.Equal(["r01", "r03"], await Rows(EntityFilter.NotEqual("Flag", true) & EntityFilter.Equal("Text", "low")));
        Assert.Empty(await Rows(EntityFilter.Equal("Missing", 3)));
        Assert.Equal(10, (await Rows(EntityFilter.RowKeyStartsWith("r0"))).Length);
        Assert.Equal(["r05"], await Rows(EntityFilter.RowKeyStartsWith("r05")));
        Assert.Equal(["r06", "r08"], await Rows(EntityFilter.RowKeyStartsWith("r0") & EntityFilter.GreaterThan("Int", 5) & EntityFilter.Equal("Flag", true)));
    }

    [Fact]
    public async Task Query_MoreThan1000Rows_ContinuationYieldsAllRowsOnceInKeyOrder()
    {
        var table = await NewTableAsync();
        const int count = 1150;
        await SeedAsync(table, "big", count);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await table.QueryAsync("big", null, null, token, None);
            Assert.True(page.Items.Count <= 1000);
            seen.AddRange(page.Items.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(count, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(count, seen.Distinct().Count());
        Assert.True(pages >= 2);
    }

    [Fact]
    public async Task Query_SmallTopWithFilter_PagesThroughMatchesOnly()
    {
        var table = await NewTableAsync();
        await SeedAsync(table, "p", 40);

        var seen = new List<int>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync("p", EntityFilter.Equal("Even", true), 7, token, None);
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items.Select(e => e["N"].AsInt32()));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 2 == 0), seen);
    }

    [Fact]
    public async Task Query_ForeignContinuationToken_ThrowsInvalidEntity()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<InvalidEntityException>(() => table.QueryAsync("p", null, 5, "not-a-token", None));
    }

    [Fact]
    public async Task Batch_MixedOperations_AllAppliedWithETags()
    {
        var table = await NewTableAsync();
        var replaceETag = await table.InsertAsync(new TableEntity("p", "replace") { ["A"] = 1 }, None);
        var mergeETag = await table.InsertAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 1 }, None);
        var deleteETag = await table.InsertAsync(new TableEntity("p", "delete") { ["A"] = 1 }, None);

        var etags = await table.ExecuteBatchAsync(
        [
            BatchOperation.Insert(new TableEntity("p", "insert") { ["A"] = 1 }),
            BatchOperation.Replace(new TableEntity("p", "replace") { ["A"] = 2 }, replaceETag),
            BatchOperation.Merge(new TableEntity("p", "merge") { ["A"] = 2 }, mergeETag),
            BatchOperation.Delete("p", "delete", deleteETag),
            BatchOperation.Upsert(new TableEntity("p", "upsert") { ["A"] = 5 }),
        ], None);

        Assert.Equal(5, etags.Count);
        Assert.Null(etags[3]);
        Assert.Equal(etags[0], (await table.GetAsync("p", "insert", None))!.ETag);
        Assert.Equal(etags[1], (await table.GetAsync("p", "replace", None))!.ETag);
        var merged = await table.GetAsync("p", "merge", None);
        Assert.Equal((2, 1), (merged!["A"].AsInt32(), merged["B"].AsInt32()));
        Assert.Null(await table.GetAsync("p", "delete", None));
        Assert.Equal(5, (await table.GetAsync("p", "upsert", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Batch_InsertOfExistingKey_AppliesNothingAndNamesFailingIndex()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "taken") { ["A"] = 1 }, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ExecuteBatchAsync(
        [
            BatchOperation.Insert(new TableEntity("p", "a") { ["A"] = 1 }),
            BatchOperation.Upsert(new TableEntity("p", "b") { ["A"] = 1 }),
            BatchOperation.Insert(new TableEntity("p", "taken") { ["A"] = 2 }),
            BatchOperation.Insert(new TableEntity("p", "c") { ["A"] = 1 }),
        ], None));

        Assert.Equal(ConcurrencyConflictKind.EntityExists, ex.Kind);
        Assert.Equal(2, ex.OperationIndex);
        Assert.Null(await table.GetAsync("p", "a", None));
        Assert.Null(await table.GetAsync("p", "b", None));
        Assert.Null(await table.GetAsync("p", "c", None));
        Assert.Equal(1, (await table.GetAsync("p", "taken", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Batch_StaleETag_AppliesNothingAndReportsPreconditionFailed()
    {
        var table = await NewTableAsync();
        var stale = await table.InsertAsync(new TableEntity("p", "x") { ["A"] = 1 }, None);
        await table.ReplaceAsync(new TableEntity("p", "x") { ["A"] = 2 }, stale, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ExecuteBatchAsync(
        [
            BatchOperation.Insert(new TableEntity("p", "new") { ["A"] = 1 }),
            BatchOperation.Replace(new TableEntity("p", "x") { ["A"] = 3 }, stale),
        ], None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, ex.Kind);
        Assert.Equal(1, ex.OperationIndex);
        Assert.Null(await table.GetAsync("p", "new", None));
        Assert.Equal(2, (await table.GetAsync("p", "x", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Batch_HundredOperations_Succeeds()
    {
        var table = await NewTableAsync();

        await table.ExecuteBatchAsync(Enumerable.Range(0, 100).Select(i => BatchOperation.Insert(new TableEntity("p", $"{i:D3}") { ["N"] = i })).ToList(), None);

        Assert.Equal(100, (await table.QueryAsync("p", null, null, null, None)).Items.Count);
    }

    [Fact]
    public async Task Batch_InvalidShape_RefusedBeforeAnythingIsWritten()
    {
        var table = await NewTableAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => BatchOperation.Insert(new TableEntity("p", $"{i:D3}"))).ToList();
        var twoPartitions = new[] { BatchOperation.Insert(new TableEntity("p", "a")), BatchOperation.Insert(new TableEntity("q", "b")) };
        var sameRowTwice = new[] { BatchOperation.Insert(new TableEntity("p", "a")), BatchOperation.Upsert(new TableEntity("p", "a")) };

        await Assert.ThrowsAsync<InvalidEntityException>(() => table.ExecuteBatchAsync(tooMany, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.ExecuteBatchAsync(twoPartitions, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.ExecuteBatchAsync(sameRowTwice, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.ExecuteBatchAsync([], None));

        Assert.Empty((await table.QueryAsync("p", null, null, null, None)).Items);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public async Task Keys_ForbiddenCharacter_RefusedOnEveryOperation(string key)
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity("p", key), None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity(key, "r"), None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.GetAsync("p", key, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.DeleteAsync(key, "r", ETag.Any, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.QueryAsync(key, null, null, null, None));
    }

    [Fact]
    public async Task Keys_LengthLimit_512AcceptedAnd513Refused()
    {
        var table = await NewTableAsync();
        var longest = new string('k', EntityRules.MaxKeyLength);

        await table.InsertAsync(new TableEntity(longest, longest) { ["A"] = 1 }, None);

        Assert.NotNull(await table.GetAsync(longest, longest, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity("p", longest + "k"), None));
    }

    [Fact]
    public async Task Entity_OverLimits_RefusedWithTypedError()
    {
        var table = await NewTableAsync();
        var longString = new TableEntity("p", "s") { ["S"] = new string('x', (EntityRules.MaxValueBytes / 2) + 1) };
        var bigBinary = new TableEntity("p", "b") { ["B"] = new byte[EntityRules.MaxValueBytes + 1] };
        var tooManyProperties = new TableEntity("p", "n");
        for (var i = 0; i <= EntityRules.MaxPropertyCount; i++)
        {
            tooManyProperties[$"P{i}"] = i;
        }

        var tooLarge = new TableEntity("p", "l");
        for (var i = 0; i < 20; i++)
        {
            tooLarge[$"S{i}"] = new string('x', 30_000);
        }

        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(longString, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(bigBinary, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(tooManyProperties, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(tooLarge, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity("p", "x") { ["bad-name"] = 1 }, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity("p", "x") { ["Timestamp"] = 1 }, None));
        await Assert.ThrowsAsync<InvalidEntityException>(() => table.InsertAsync(new TableEntity("p", "x") { ["D"] = double.NaN }, None));
        Assert.Empty((await table.QueryAsync("p", null, null, null, None)).Items);
    }

    [Fact]
    public async Task Entity_JustUnderStringLimit_Stored()
    {
        var table = await NewTableAsync();
        var text = new string('é', EntityRules.MaxValueBytes / 2);

        await table.InsertAsync(new TableEntity("p", "s") { ["S"] = text }, None);

        Assert.Equal(text, (await table.GetAsync("p", "s", None))!["S"].AsString());
    }

    [Fact]
    public async Task Operation_TableNeverCreated_ThrowsInvalidOperation()
    {
        var table = Engine.GetTable("never" + Guid.NewGuid().ToString("N")[..12]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => table.InsertAsync(new TableEntity("p", "r"), None));
    }

    [Fact]
    public async Task CreateIfNotExists_Twice_Succeeds()
    {
        var table = await NewTableAsync();

        await table.CreateIfNotExistsAsync(None);

        Assert.Null(await table.GetAsync("p", "r", None));
    }

    internal async Task<IEntityTable> NewTableAsync()
    {
        var table = Engine.GetTable("t" + Guid.NewGuid().ToString("N")[..16]);
        await table.CreateIfNotExistsAsync(None);
        return table;
    }

    internal static async Task SeedAsync(IEntityTable table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += EntityRules.MaxBatchOperations)
        {
            var operations = Enumerable.Range(start, Math.Min(EntityRules.MaxBatchOperations, count - start))
                .Select(i => BatchOperation.Insert(new TableEntity(partitionKey, $"{i:D6}") { ["N"] = i, ["Even"] = i % 2 == 0 }))
                .ToList();
            await table.ExecuteBatchAsync(operations, None);
        }
    }
}
