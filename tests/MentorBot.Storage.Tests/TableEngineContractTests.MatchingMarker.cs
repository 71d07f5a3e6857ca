using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task MatchingMarker_MovesOnTwoInstances_EachSeesTheOthersMoveAndTenantsStayApart()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        var first = await NewMarkerAsync(Engine, prefix);
        var second = await NewMarkerAsync(CreateSecondEngine(), prefix);
        var contoso = new TenantId("contoso");

        var untouched = await first.ReadAsync(contoso, None);
        var moved = await first.MoveAsync(contoso, None);
        var seenBySecond = await second.ReadAsync(contoso, None);
        var movedAgain = await second.MoveAsync(contoso, None);
        var otherTenant = await first.ReadAsync(new TenantId("fabrikam"), None);

        Assert.Null(untouched);
        Assert.Null(moved.Before);
        Assert.Equal(moved.After, seenBySecond);
        Assert.Equal(moved.After, movedAgain.Before);
        Assert.NotEqual(movedAgain.Before, movedAgain.After);
        Assert.Equal(movedAgain.After, await first.ReadAsync(contoso, None));
        Assert.Null(otherTenant);
    }

    private static async Task<TableMatchingChangeMarker> NewMarkerAsync(ITableEngine engine, string prefix)
    {
        var prefixed = new PrefixedEngine(engine, prefix);
        await prefixed.GetTable(TableMatchingChangeMarker.TableName).CreateIfNotExistsAsync(None);
        return new TableMatchingChangeMarker(prefixed);
    }
}
