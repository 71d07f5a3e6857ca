using System.Text.RegularExpressions;

namespace MentorBot.Bot.Tests.Manifest;

// What the schema cannot say: our own conventions and the command contract the chat recogniser relies on.
public sealed partial class ManifestContentTests
{
    [Fact]
    public void ManifestVersion_ComparedWithSchemaUrl_IsTheSameVersion()
    {
        var manifest = ManifestFiles.Load();

        var match = SchemaUrl().Match(manifest["$schema"]!.GetValue<string>());

        Assert.True(match.Success, "$schema is not a Teams manifest schema URL.");
        Assert.Equal(match.Groups["version"].Value, manifest["manifestVersion"]!.GetValue<string>());
    }

    [Fact]
    public void CommandLists_EachList_HasUniqueShortTitlesAndDescriptions()
    {
        var lists = ManifestFiles.CommandLists(ManifestFiles.Load()).ToList();

        Assert.InRange(lists.Count, 1, 3);
        foreach (var list in lists)
        {
            var commands = list["commands"]!.AsArray();
            var titles = ManifestFiles.Titles(list).ToList();
            Assert.InRange(commands.Count, 1, 12);
            Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(titles, title => Assert.InRange(title.Length, 1, 128));
            Assert.All(commands, command =>
                Assert.False(string.IsNullOrWhiteSpace(command!["description"]!.GetValue<string>())));
        }
    }

    [Fact]
    public void CommandLists_EveryBotScope_HasExactlyOneList()
    {
        var manifest = ManifestFiles.Load();

        var listScopes = ManifestFiles.CommandLists(manifest).SelectMany(ManifestFiles.Scopes).ToList();
        var botScopes = manifest["bots"]![0]!["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>());

        Assert.Equal(botScopes.Order(StringComparer.Ordinal), listScopes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(
        "personal", new[] { "help", "ask", "profile", "my mentoring", "pause", "resume", "end pairing", "forget me", "snooze reminders", "program round" })]
    [InlineData("team", new[] { "help", "ask", "program status", "sessions", "offer a session", "my programs", "invite participants", "pause program", "resume program" })]
    [InlineData("groupChat", new[] { "help", "ask", "program status", "sessions", "offer a session", "my programs", "invite participants", "pause program", "resume program" })]
    public void CommandList_ForScope_OffersTheCommandsTheBotUnderstands(string scope, string[] expectedTitles)
    {
        var list = ManifestFiles.CommandLists(ManifestFiles.Load())
            .Single(l => ManifestFiles.Scopes(l).Contains(scope));

        Assert.Equal(expectedTitles, ManifestFiles.Titles(list));
    }

    [Fact]
    public void Bot_InCommittedManifest_IsConversationalWithPlaceholderId()
    {
        var bot = ManifestFiles.Load()["bots"]!.AsArray().Single()!;

        // A real app id committed here would be packaged for every tenant; the packaging command fills it in.
        Assert.Equal(ManifestFiles.PlaceholderBotId, bot["botId"]!.GetValue<string>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
    }

    [Fact]
    public void DashboardTab_InCommittedManifest_LoadsFromTheBotDomainPlaceholder()
    {
        var manifest = ManifestFiles.Load();

        var tab = manifest["staticTabs"]!.AsArray().Single(t => t!["entityId"]!.GetValue<string>() == "dashboard")!;
        var domains = manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>());

        Assert.Equal($"https://{ManifestFiles.DomainToken}/dashboard", tab["contentUrl"]!.GetValue<string>());
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([ManifestFiles.DomainToken], domains);
    }

    [Fact]
    public void DeveloperUrls_InCommittedManifest_AreReservedExampleDomains()
    {
        var developer = ManifestFiles.Load()["developer"]!.AsObject();

        var urls = new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" }
            .Select(key => new Uri(developer[key]!.GetValue<string>()));

        // example.com (RFC 2606) makes it obvious these are to be replaced before publishing beyond a test tenant.
        Assert.All(urls, url => Assert.EndsWith(".example.com", url.Host, StringComparison.Ordinal));
    }

    [GeneratedRegex(
        @"^https://developer\.microsoft\.com/json-schemas/teams/v(?<version>\d+\.\d+)/MicrosoftTeams\.schema\.json$")]
    private static partial Regex SchemaUrl();
}
