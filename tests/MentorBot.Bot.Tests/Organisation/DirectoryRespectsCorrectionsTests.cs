using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Testing;
using NodaTime;

namespace MentorBot.Bot.Tests.Organisation;

/// <summary>
/// Decision 0404: what a person sets themselves is theirs. The directory never writes time zone, working hours or
/// languages; its department fills an empty one and follows the directory only while the person has not typed their own.
/// </summary>
public sealed class DirectoryRespectsCorrectionsTests : IAsyncLifetime
{
    private LoopbackGraphDirectory _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraphDirectory.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task PersonsOwnDepartmentHoursAndLanguages_SurviveLaterDirectoryRounds()
    {
        _graph.Add(new StubUser("pat") { Mail = "pat@contoso.example", Department = "Marketing", MailboxTimeZone = "Pacific Standard Time", PreferredLanguage = "en-US" });
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        await profiles.InsertAsync(OrganisationHost.Person("pat"), CancellationToken.None);
        var sync = host.Get<DirectorySync>();

        await sync.SyncAsync(null, CancellationToken.None);
        Assert.Equal("Marketing", (await profiles.GetAsync(new UserId("pat"), CancellationToken.None))!.Value.Department);

        // While the department is the directory's, it follows the directory.
        _graph.Change("pat", u => u.Department = "Brand");
        await sync.SyncAsync(null, CancellationToken.None);
        Assert.Equal("Brand", (await profiles.GetAsync(new UserId("pat"), CancellationToken.None))!.Value.Department);

        // Pat corrects their own department, hours, languages and time zone on the form.
        var stored = (await profiles.GetAsync(new UserId("pat"), CancellationToken.None))!;
        var hours = new WorkingHours([IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday], new LocalTime(7, 0), new LocalTime(13, 0));
        await profiles.ReplaceAsync(
            stored.Value with { Department = "Growth", WorkingHours = hours, Languages = ["sv", "fi"], TimeZoneId = "Europe/Helsinki" },
            stored.ETag,
            CancellationToken.None);

        _graph.Change("pat", u =>
        {
            u.Department = "Brand and Growth";
            u.PreferredLanguage = "de-DE";
            u.MailboxTimeZone = "Tokyo Standard Time";
        });
        await sync.SyncAsync(null, CancellationToken.None);

        var pat = (await profiles.GetAsync(new UserId("pat"), CancellationToken.None))!.Value;
        Assert.Equal("Growth", pat.Department);
        Assert.Equal(hours.Days, pat.WorkingHours.Days);
        Assert.Equal((hours.Start, hours.End), (pat.WorkingHours.Start, pat.WorkingHours.End));
        Assert.Equal(["sv", "fi"], pat.Languages);
        Assert.Equal("Europe/Helsinki", pat.TimeZoneId);

        // What the directory says is still kept beside the profile, for the form's "from your directory" section.
        var entry = await host.Get<IDirectoryStore>().GetAsync(null, new UserId("pat"), CancellationToken.None);
        Assert.Equal("Brand and Growth", entry!.Department);
        Assert.Equal("de-DE", entry.PreferredLanguage);
    }
}
