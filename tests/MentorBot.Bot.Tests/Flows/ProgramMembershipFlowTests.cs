using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Programs from the participants' and owners' side in chat: consent before matching, "join" and "leave", requests
/// and pairings that belong to the program, "program status" for owners only, and concerns that reach the owners.
/// </summary>
public sealed class ProgramMembershipFlowTests
{
    private static readonly ProgramId Pilot = PilotProgram.Id;

    [Fact]
    public async Task JoinProgram_ConsentCardFirst_JoinRecordsConsent_LeaveDropsIt()
    {
        using var host = await SeedProgramAsync(enrolled: [Sam]);
        var jo = host.ChatOf(Jo);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();

        var offer = await jo.SendAsync("join program");
        var beforeJoin = await enrolments.GetAsync(Pilot, Jo.Id, CancellationToken.None);
        var joined = await jo.InvokeAsync(CardVerbs.JoinProgram, new { programId = Pilot.Value });
        var again = await jo.SendAsync("join program");
        var left = await jo.SendAsync("leave program");

        var consent = FlowCards.VisibleText(offer.Card);
        Assert.Contains("Join Pilot cohort?", consent, StringComparison.Ordinal);
        Assert.Contains("Program owners see totals only, and only from groups of 5 or more people", consent, StringComparison.Ordinal);
        Assert.Contains("say “leave program”", consent, StringComparison.Ordinal);
        Assert.Equal(["Join", "Not now"], offer.ButtonTitles.Distinct());
        Assert.Null(beforeJoin);
        Assert.Contains("Welcome to Pilot cohort", FlowExpect.InvokeCardText(joined), StringComparison.Ordinal);
        Assert.Contains("already part of Pilot cohort", again.Text, StringComparison.Ordinal);
        Assert.Contains("You've left Pilot cohort", left.Text, StringComparison.Ordinal);
        var after = (await enrolments.GetAsync(Pilot, Jo.Id, CancellationToken.None))!.Value;
        Assert.Equal((EnrolmentState.Withdrawn, false), (after.State, after.MayBeMatched));
    }

    [Fact]
    public async Task AskInAProgram_OnlyConsentedMembersAreCandidates_AndThePairingBelongsToTheProgram()
    {
        // Jo is the best Power BI match, but never said yes to the program; Kim did.
        using var host = await SeedProgramAsync(enrolled: [Sam, Kim]);
        var sam = host.ChatOf(Sam);

        await sam.SendAsync("I need help with Power BI");
        var candidates = await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        var request = Assert.Single(await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None));
        await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Kim.Id.AadObjectId, version = 0 });
        await host.ChatOf(Kim).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        var shown = string.Join("\n", candidates.Cards.Select(FlowCards.VisibleText));
        Assert.Contains("Kim Young", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Junior", shown, StringComparison.Ordinal);
        Assert.Equal(Pilot, request.Program);
        var pairing = Assert.Single(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None));
        Assert.Equal((Kim.Id, (ProgramId?)Pilot), (pairing.Junior, pairing.Program));
    }

    [Fact]
    public async Task ProgramStatus_Owner_HeadlineNumbers_SmallGroupsHidden_NonOwnerRefused()
    {
        var extra = Enumerable.Range(5, 5).Select(i => Person.Create($"Pat {i}", i)).ToArray();
        using var host = await SeedProgramAsync(enrolled: [Sam, Jo, Lee, .. extra], owners: [Kim]);
        foreach (var person in extra)
        {
            await host.AddProfileAsync(Junior(person, SkillLevel.Aware, "Ops") with { Wants = [] });
        }

        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        var status = await host.ChatOf(Kim).SendAsync("program status");
        var refused = await host.ChatOf(Jo).SendAsync("program status");

        var card = FlowCards.VisibleText(status.Card);
        Assert.Contains("Pilot cohort: how the program is going", card, StringComparison.Ordinal);
        // One pair is two people: hidden. Lee and the five others have no pair: six people, shown.
        Assert.Equal("hidden (fewer than 5 people)", Fact(status.Card, "Active pairings"));
        Assert.Equal("6", Fact(status.Card, "People waiting for a match"));
        Assert.Equal("0", Fact(status.Card, "Open concerns"));
        Assert.Equal("no pair has met yet", Fact(status.Card, "Time to first meeting (median)"));
        Assert.Empty(refused.Cards);
        Assert.Contains("only for the people who run a program", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concern_InAProgramPair_ReachesItsOwnersAndInbox_NeverTheOtherPerson()
    {
        using var host = await SeedProgramAsync(enrolled: [Sam, Jo], owners: [Kim, Sam]);
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var pairing = Assert.Single(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None));

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["concern"] = "He talks over me" });

        Assert.Single(host.Inbox(Kim), m => Text(m.Activity).Contains("He talks over me", StringComparison.Ordinal));
        // Sam owns the program too, but is the other person in this pair: he never sees it.
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains("He talks over me", StringComparison.Ordinal));
        var stored = Assert.Single(await host.Services.GetRequiredService<IConcernStore>().ListAsync(Pilot, CancellationToken.None));
        Assert.Equal((Jo.Id, pairing.Id, "He talks over me", ConcernState.Open), (stored.Value.RaisedBy, stored.Value.Mentorship, stored.Value.Text, stored.Value.State));
    }

    private static async Task<FlowHost> SeedProgramAsync(Person[] enrolled, Person[]? owners = null)
    {
        var host = await new FlowHost().SeedAsync();
        await host.SeedProgramAsync(owners ?? [Kim], enrolled);
        return host;
    }
}

internal static class CardJsonFacts
{
    /// <summary>Every property called <paramref name="name"/> anywhere in the card.</summary>
    public static IEnumerable<JsonNode> DescendantsNamed(this JsonNode node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (key == name)
                    {
                        yield return value;
                    }

                    foreach (var found in value.DescendantsNamed(name))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                foreach (var found in array.OfType<JsonNode>().SelectMany(v => v.DescendantsNamed(name)))
                {
                    yield return found;
                }

                break;
        }
    }
}
