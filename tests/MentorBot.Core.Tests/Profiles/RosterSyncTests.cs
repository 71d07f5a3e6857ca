using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using MentorBot.Core.Tests.Programs.Rounds;
using MentorBot.Core.Tests.TestSupport;

namespace MentorBot.Core.Tests.Profiles;

public sealed class RosterSyncTests
{
    private static readonly DateTimeOffset Now = People.Utc(2026, 12, 7, 9);
    private static readonly TenantId Contoso = new("72f988bf-0000-0000-0000-000000000001");

    private readonly FakeProfileStore _store = new();
    private readonly ScriptedDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(Now);

    private RosterSync Sync => new(_store, _directory, _clock);

    [Fact]
    public async Task RefreshIfStale_ChatOnlyProfileWithoutEmail_StoresRosterEmailAndUpn()
    {
        await _store.InsertAsync(ChatOnly("a"), CancellationToken.None);
        _directory.Answer = Found("alex.kim@mail.contoso.example", "akim@contoso.example");

        var outcome = await Sync.RefreshIfStaleAsync(new UserId("a"), CancellationToken.None);

        Assert.Equal(DirectorySyncOutcome.Updated, outcome);
        var stored = (await _store.GetAsync(new UserId("a"), CancellationToken.None))!.Value;
        Assert.Equal("alex.kim@mail.contoso.example", stored.Email);
        Assert.Equal(new DirectoryFacts("akim@contoso.example", Now), stored.Directory);
    }

    [Fact]
    public async Task RefreshIfStale_ReadWithinAWeek_DoesNotAskTheDirectory()
    {
        await _store.InsertAsync(ChatOnly("a") with { Directory = new DirectoryFacts(null, Now - TimeSpan.FromDays(6)) }, CancellationToken.None);

        var outcome = await Sync.RefreshIfStaleAsync(new UserId("a"), CancellationToken.None);

        Assert.Equal(DirectorySyncOutcome.Fresh, outcome);
        Assert.Equal(0, _directory.Lookups);
    }

    [Fact]
    public async Task RefreshIfStale_ReadAWeekAgo_AsksAgainAndTheNewAddressWins()
    {
        await _store.InsertAsync(ChatOnly("a") with { Email = "old@contoso.example", Directory = new DirectoryFacts("akim@contoso.example", Now - RosterSync.RefreshAfter) }, CancellationToken.None);
        _directory.Answer = Found("new@contoso.example", null);

        var outcome = await Sync.RefreshIfStaleAsync(new UserId("a"), CancellationToken.None);

        Assert.Equal(DirectorySyncOutcome.Updated, outcome);
        var stored = (await _store.GetAsync(new UserId("a"), CancellationToken.None))!.Value;
        Assert.Equal("new@contoso.example", stored.Email);
        Assert.Equal("akim@contoso.example", stored.Directory!.UserPrincipalName);
    }

    [Fact]
    public async Task RefreshIfStale_NoProfile_StoresNothingAndDoesNotAsk()
    {
        var outcome = await Sync.RefreshIfStaleAsync(new UserId("nobody"), CancellationToken.None);

        Assert.Equal(DirectorySyncOutcome.NoProfile, outcome);
        Assert.Equal(0, _directory.Lookups);
        Assert.Empty(_store.Table.Rows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RefreshIfStale_DirectoryFailsOrDoesNotKnowThem_ProfileUnchanged(bool notFound)
    {
        var profile = ChatOnly("a") with { Email = "kept@contoso.example" };
        await _store.InsertAsync(profile, CancellationToken.None);
        _directory.Answer = notFound ? new DirectoryLookup.NotFound() : new DirectoryLookup.Unavailable("Timeout");

        var outcome = await Sync.RefreshIfStaleAsync(new UserId("a"), CancellationToken.None);

        Assert.Equal(notFound ? DirectorySyncOutcome.NotFound : DirectorySyncOutcome.Unavailable, outcome);
        Assert.Equal(profile, (await _store.GetAsync(new UserId("a"), CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task Apply_EntryFromAnotherTenant_WritesNothing()
    {
        var profile = ChatOnly("a") with { Tenant = Contoso };
        await _store.InsertAsync(profile, CancellationToken.None);

        var outcome = await Sync.ApplyAsync(new UserId("a"), new RosterEntry("x@fabrikam.example", null, null, null, null, new TenantId("fabrikam")), CancellationToken.None);

        Assert.Equal(DirectorySyncOutcome.OtherTenant, outcome);
        Assert.Equal(profile, (await _store.GetAsync(new UserId("a"), CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task Apply_InvitedPerson_StaysInvitedAndMissingOrMalformedEmailKeepsTheStoredOne()
    {
        await _store.InsertAsync(ChatOnly("a") with { Email = "import@contoso.example", Participation = Participation.Invited }, CancellationToken.None);

        await Sync.ApplyAsync(new UserId("a"), new RosterEntry("not an address", "akim@contoso.example", null, null, null, null), CancellationToken.None);

        var stored = (await _store.GetAsync(new UserId("a"), CancellationToken.None))!.Value;
        Assert.Equal(Participation.Invited, stored.Participation);
        Assert.Equal("import@contoso.example", stored.Email);
        Assert.Equal("akim@contoso.example", stored.Directory!.UserPrincipalName);
    }

    private static Profile ChatOnly(string id) => People.In(id, "Europe/London") with { Email = null };

    private static DirectoryLookup.Found Found(string? email, string? upn) =>
        new(new RosterEntry(email, upn, "Alex", "Kim", "Alex Kim", null));

    private sealed class ScriptedDirectory : IPersonDirectory
    {
        public DirectoryLookup Answer { get; set; } = new DirectoryLookup.Unavailable("NotScripted");

        public int Lookups { get; private set; }

        public Task<DirectoryLookup> LookUpAsync(UserId person, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult(Answer);
        }
    }
}
