using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Cards;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// No dead ends (issue 19): every verb a card can send and every command the manifest and the help card name leads
/// to something that works or to a specific answer, never to a generic fallback ("I didn't get that", "I didn't
/// understand that button", "this card is out of date", "coming soon", an error, or silence). Each verb is pressed
/// the way a real card sends it, on a fresh bot where the thing it names exists.
/// </summary>
public sealed class NoDeadEndsTests
{
    private static readonly ProgramId Pilot = new("pilot");

    /// <summary>How to press each verb for real: who presses, with what, after which steps.</summary>
    private static readonly Dictionary<string, Func<FlowHost, Task<TestTurn>>> Presses = new(StringComparer.Ordinal)
    {
        [CardVerbs.SetUpProfile] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.SetUpProfile, new { }),
        [CardVerbs.EditProfile] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.EditProfile, new { }),
        [CardVerbs.SaveProfile] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.SaveProfile, new { isEdit = true }),
        [CardVerbs.ShowHelp] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.ShowHelp, new { }),
        [CardVerbs.CancelFlow] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.CancelFlow, new { flow = "ask" }),
        [CardVerbs.PickSkill] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.PickSkill, new { skillId = PowerBi.Value, typed = "power bee eye" }),
        [CardVerbs.NoSkillMatch] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.NoSkillMatch, new { typed = "basket weaving" }),
        [CardVerbs.StartAskForHelp] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.StartAskForHelp, new { }),
        [CardVerbs.AskForHelp] = async h =>
        {
            await h.ChatOf(Sam).SendAsync("I need help with Power BI");
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        },
        [CardVerbs.AskCandidate] = async h =>
        {
            var request = await MatchingFlowTests.AskForPowerBiAsync(h, h.ChatOf(Sam));
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Jo.Id.AadObjectId, version = 0 });
        },
        [CardVerbs.LetMentorBotChoose] = async h =>
        {
            var request = await MatchingFlowTests.AskForPowerBiAsync(h, h.ChatOf(Sam));
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.LetMentorBotChoose, new { requestId = request.Id.Value, version = 0 });
        },
        [CardVerbs.AcceptRequest] = async h => await h.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = (await Offered(h)).Id.Value, version = 1 }),
        [CardVerbs.DeclineRequest] = async h => await h.ChatOf(Jo).InvokeAsync(
            CardVerbs.DeclineRequest, new Dictionary<string, object> { ["requestId"] = (await Offered(h)).Id.Value, ["version"] = 1, ["declineReason"] = "noTime" }),
        [CardVerbs.SuggestColleague] = async h => await h.ChatOf(Jo).InvokeAsync(
            CardVerbs.SuggestColleague, new Dictionary<string, object> { ["requestId"] = (await Offered(h)).Id.Value, ["version"] = 1, [SuggestColleagueData.ColleagueInput] = "Kim Young" }),
        [CardVerbs.WithdrawRequest] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.WithdrawRequest, new { requestId = (await Offered(h)).Id.Value, version = 1 }),
        [CardVerbs.RefreshCard] = async h => await h.ChatOf(Jo).InvokeAsync(
            CardVerbs.RefreshCard, new { card = MentoringRequestCard.CardName, entityId = (await Offered(h)).Id.Value }),
        [CardVerbs.ShowMyMentoring] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.ShowMyMentoring, new { }),
        [CardVerbs.ScheduleCheckIn] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = (await Paired(h)).Id.Value }),
        [CardVerbs.EndPairing] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.EndPairing, new { pairingId = (await Paired(h)).Id.Value }),
        [CardVerbs.ConfirmEndPairing] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.ConfirmEndPairing, new Dictionary<string, string> { ["pairingId"] = (await Paired(h)).Id.Value, [ConfirmEndPairingData.NoteInput] = "Thank you!" }),
        [CardVerbs.ForgetMe] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.ForgetMe, new { }),
        [CardVerbs.ConfirmForgetMe] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.ConfirmForgetMe, new { }),
        [CardVerbs.PauseParticipation] = h => h.ChatOf(Sam).InvokeAsync(CardVerbs.PauseParticipation, new { }),
        [CardVerbs.ResumeParticipation] = async h =>
        {
            await h.ChatOf(Sam).SendAsync("pause until 1 February 2027");
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.ResumeParticipation, new { });
        },
        [CardVerbs.PickSlot] = async h =>
        {
            var (pairing, proposal) = await Proposed(h);
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = CheckInViews.SlotId(proposal.ProposedSlots[0]) });
        },
        [CardVerbs.NoSlotFits] = async h =>
        {
            var (pairing, proposal) = await Proposed(h);
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
            {
                ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, [NoSlotFitsData.DateInput] = "2026-11-26", [NoSlotFitsData.TimeInput] = "10:00",
            });
        },
        [CardVerbs.LaterSlots] = async h =>
        {
            var (pairing, proposal) = await Proposed(h);
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.LaterSlots, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value });
        },
        [CardVerbs.RescheduleCheckIn] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.RescheduleCheckIn, new { checkInId = (await Booked(h)).Id.Value, version = 0 }),
        [CardVerbs.SkipCheckIn] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.SkipCheckIn, new { checkInId = (await Booked(h)).Id.Value, version = 0 }),
        [CardVerbs.AddAgendaTopic] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = (await Booked(h)).Id.Value, [AddAgendaTopicData.TopicInput] = "DAX basics" }),
        [CardVerbs.SubmitFeedback] = async h =>
        {
            var booked = await Booked(h);
            h.Clock.Advance(booked.ProposedSlots[0].End - h.Clock.GetUtcNow() + TimeSpan.FromMinutes(20));
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, string> { ["checkInId"] = booked.Id.Value, ["met"] = "yes", ["rating"] = "5" });
        },
        [CardVerbs.RaiseConcern] = async h => await h.ChatOf(Jo).InvokeAsync(
            CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = (await Paired(h)).Id.Value, ["concern"] = "We never meet" }),
        [CardVerbs.SendThanks] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.SendThanks, new Dictionary<string, string> { ["pairingId"] = (await Held(h)).Id.Value, ["thanksNote"] = "Thank you!" }),
        [CardVerbs.ThanksLater] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.ThanksLater, new { pairingId = (await Held(h)).Id.Value }),
        [CardVerbs.ContinuePairing] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.ContinuePairing, new Dictionary<string, string> { ["pairingId"] = (await Paired(h)).Id.Value, ["periodRating"] = "5" }),
        [CardVerbs.ClosePairing] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.ClosePairing, new Dictionary<string, string> { ["pairingId"] = (await Paired(h)).Id.Value, ["periodRating"] = "4" }),
        [CardVerbs.EditCadence] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.EditCadence, new { pairingId = (await Paired(h)).Id.Value }),
        [CardVerbs.ChangeCadence] = async h => await h.ChatOf(Sam).InvokeAsync(
            CardVerbs.ChangeCadence, new Dictionary<string, string> { ["pairingId"] = (await Paired(h)).Id.Value, ["cadenceWeeks"] = "4", ["cadenceMinutes"] = "45" }),
        [CardVerbs.JoinProgram] = async h =>
        {
            await AddPilotAsync(h, enrol: false);
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.JoinProgram, new { programId = Pilot.Value });
        },
        [CardVerbs.NotNowProgram] = async h =>
        {
            await AddPilotAsync(h, enrol: false);
            return await h.ChatOf(Jo).InvokeAsync(CardVerbs.NotNowProgram, new { programId = Pilot.Value });
        },
        [CardVerbs.PreviewRound] = async h =>
        {
            await AddPilotAsync(h, enrol: true);
            return await h.ChatOf(Kim).InvokeAsync(CardVerbs.PreviewRound, new { programId = Pilot.Value });
        },
        [CardVerbs.JoinSession] = async h => await h.ChatOf(Sam).InvokeAsync(CardVerbs.JoinSession, new { sessionId = (await Sessions.SessionFlowTests.OfferAsync(h, 3)).Id.Value }),
        [CardVerbs.LeaveSession] = async h =>
        {
            var session = await Sessions.SessionFlowTests.OfferAsync(h, 3);
            await h.ChatOf(Sam).InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.LeaveSession, new { sessionId = session.Id.Value });
        },
        [CardVerbs.CancelSession] = async h => await h.ChatOf(Jo).InvokeAsync(CardVerbs.CancelSession, new { sessionId = (await Sessions.SessionFlowTests.OfferAsync(h, 3)).Id.Value }),
        [CardVerbs.OfferSession] = h => h.ChatOf(Jo).InvokeAsync(CardVerbs.OfferSession, Sessions.SessionFlowTests.Draft("4", "1")),
        [CardVerbs.PickSessionTime] = h => h.ChatOf(Jo).InvokeAsync(
            CardVerbs.PickSessionTime, new { start = FlowHost.Start.AddDays(3).ToString("O", CultureInfo.InvariantCulture), draft = Sessions.SessionFlowTests.Draft("4", "2") }),
        [CardVerbs.SessionFeedback] = async h =>
        {
            var session = await Sessions.SessionFlowTests.OfferAsync(h, 3);
            await h.ChatOf(Sam).InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });
            h.Clock.Advance(TimeSpan.FromDays(9));
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.SessionFeedback, new Dictionary<string, object> { ["sessionId"] = session.Id.Value, ["occurrence"] = 0, ["sessionRating"] = "4" });
        },
        [CardVerbs.ThankSessionHost] = async h =>
        {
            var session = await Sessions.SessionFlowTests.OfferAsync(h, 3);
            await h.ChatOf(Sam).InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });
            h.Clock.Advance(TimeSpan.FromDays(9));
            return await h.ChatOf(Sam).InvokeAsync(CardVerbs.ThankSessionHost, new Dictionary<string, object> { ["sessionId"] = session.Id.Value, ["sessionThanksNote"] = "Thank you, Jo!" });
        },
        [CardVerbs.PublishRound] = async h =>
        {
            await AddPilotAsync(h, enrol: true);
            var preview = await h.ChatOf(Kim).SendAsync("program round");
            var data = preview.Card["actions"]!.AsArray().Select(a => a!["data"]!).Single(d => (string?)d["verb"] == CardVerbs.PublishRound);
            return await h.ChatOf(Kim).InvokeAsync(CardVerbs.PublishRound, new { programId = (string)data["programId"]!, roundId = (string)data["roundId"]! });
        },
    };

    /// <summary>Every verb, pressed by people whose Teams speaks each supported language (the walk in English and Swedish).</summary>
    public static TheoryData<string, string> Verbs()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Languages.Supported)
        {
            foreach (var verb in CardVerbs.All.Order(StringComparer.Ordinal))
            {
                data.Add(verb, Locale(language));
            }
        }

        return data;
    }

    private static string Locale(CultureInfo language) => language.TwoLetterISOLanguageName == "en" ? "en-GB" : Languages.For(null, language.Name).Name;

    [Fact]
    public void EveryVerbTheCardsCanSend_IsPressedByTheWalk()
    {
        Assert.Equal(CardVerbs.All.Order(StringComparer.Ordinal), Presses.Keys.Order(StringComparer.Ordinal));

        // Whatever a card builder puts on a button is a registered verb, so the walk above covers it.
        var onCards = CardSamples.All.Values.Concat(Sessions.SessionCardSamples.All.Values).SelectMany(c => MentorBot.Bot.Tests.Protocol.Dialogs.Testing.CardJson.Verbs(JsonNode.Parse(MentorBot.Bot.Cards.CardJson.Serialize(c))!)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(onCards);
        Assert.Subset(CardVerbs.All.ToHashSet(StringComparer.Ordinal), onCards);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task EveryVerb_LeadsSomewhereSpecific(string verb, string locale)
    {
        using var host = await new FlowHost { Locale = locale }.SeedAsync();

        var turn = await Presses[verb](host);

        AssertNoDeadEnd(verb, turn, CultureInfo.GetCultureInfo(locale));
    }

    /// <summary>Every command of the manifest and the help card, in English and in each translation (sv.json, the Swedish help card), sent from a client in that language.</summary>
    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in CommandList())
        {
            data.Add(command, "en-GB");
        }

        foreach (var language in Languages.Supported.Skip(1))
        {
            foreach (var command in TranslatedCommandList(language))
            {
                data.Add(command, Locale(language));
            }
        }

        return data;
    }

    /// <summary>A translation's commands: the localized manifest's command titles and that language's help card.</summary>
    private static IReadOnlyList<string> TranslatedCommandList(CultureInfo language)
    {
        var commands = new SortedSet<string>(StringComparer.Ordinal);
        using var strings = JsonDocument.Parse(File.ReadAllText(Path.Combine(MentorBot.Bot.Tests.Manifest.RepositoryRoot.Path, "manifest", language.TwoLetterISOLanguageName + ".json")));
        foreach (var property in strings.RootElement.EnumerateObject().Where(p => p.Name.StartsWith("bots[", StringComparison.Ordinal) && p.Name.EndsWith("].title", StringComparison.Ordinal)))
        {
            commands.Add(property.Value.GetString()!);
        }

        HelpCardCommands(new CardTexts(language), commands);
        return [.. commands];
    }

    private static void HelpCardCommands(CardTexts t, SortedSet<string> commands)
    {
        foreach (var key in new[] { "Help.CmdAsk", "Help.CmdProfile", "Help.CmdMine", "Help.CmdPause", "Help.CmdResume", "Help.CmdProgram", "Help.CmdForget", "Help.CmdHelp" })
        {
            foreach (var command in t[key].Split(" / ", StringSplitOptions.TrimEntries))
            {
                commands.Add(command);
            }
        }
    }

    private static IReadOnlyList<string> CommandList()
    {
        var commands = new SortedSet<string>(StringComparer.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(MentorBot.Bot.Tests.Manifest.RepositoryRoot.Path, "manifest", "manifest.json")));
        foreach (var bot in manifest.RootElement.GetProperty("bots").EnumerateArray())
        {
            foreach (var list in bot.TryGetProperty("commandLists", out var lists) ? lists.EnumerateArray() : default)
            {
                foreach (var command in list.GetProperty("commands").EnumerateArray())
                {
                    commands.Add(command.GetProperty("title").GetString()!);
                }
            }
        }

        // The help card names its commands too ("join program / leave program" is two).
        var t = new CardTexts(CultureInfo.GetCultureInfo("en-GB"));
        foreach (var key in new[] { "Help.CmdAsk", "Help.CmdProfile", "Help.CmdMine", "Help.CmdPause", "Help.CmdResume", "Help.CmdProgram", "Help.CmdForget", "Help.CmdHelp" })
        {
            foreach (var command in t[key].Split(" / ", StringSplitOptions.TrimEntries))
            {
                commands.Add(command);
            }
        }

        return [.. commands];
    }

    [Fact]
    public void TheCommandWalk_CoversTheManifestAndTheHelpCard() =>
        Assert.Superset(new HashSet<string>(["help", "ask", "profile", "my mentoring", "pause", "resume", "end pairing", "forget me", "join program", "leave program"]), CommandList().ToHashSet());

    [Fact]
    public void TheSwedishCommandWalk_CoversTheSwedishManifestAndHelpCard() =>
        Assert.Superset(
            new HashSet<string>(["hjälp", "fråga", "profil", "mitt mentorskap", "pausa", "fortsätt", "glöm mig", "gå med i programmet", "lämna programmet"]),
            TranslatedCommandList(CultureInfo.GetCultureInfo("sv")).ToHashSet());

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommand_LeadsSomewhereSpecific(string command, string locale)
    {
        using var host = await new FlowHost { Locale = locale }.SeedAsync();
        await Paired(host);
        await AddPilotAsync(host, enrol: true);

        // Kim owns the pilot program, is enrolled and has no pairing: every command means something to her, and
        // "end pairing" is tried by Sam, who has one.
        var person = command.StartsWith("end pairing", StringComparison.Ordinal) || command.StartsWith("avsluta", StringComparison.Ordinal) ? Sam : Kim;
        var turn = await host.ChatOf(person).SendAsync(command);

        AssertNoDeadEnd(command, turn, CultureInfo.GetCultureInfo(locale));
    }

    [Fact]
    public async Task TheCheck_CatchesAButtonNobodyHandles_AndTextNobodyUnderstands()
    {
        using var host = await new FlowHost().SeedAsync();

        var button = await host.ChatOf(Sam).InvokeAsync("slot.old-verb", new { pairingId = "p-1" });
        var text = await host.ChatOf(Sam).SendAsync("purple elephants");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoDeadEnd("slot.old-verb", button));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoDeadEnd("purple elephants", text));
    }

    private static void AssertNoDeadEnd(string what, TestTurn turn, CultureInfo? language = null)
    {
        var t = new CardTexts(CultureInfo.GetCultureInfo("en-GB"));
        var local = new CardTexts(language ?? t.Culture);
        var said = string.Join("\n", turn.Texts.Concat(turn.Cards.Select(c => FlowCards.VisibleText(c))).Append(FlowExpect.InvokeCardText(turn)).Append(InvokeMessage(turn)));
        foreach (var fallback in new[] { "Flow.DidntGetIt", "Error.UnknownTitle", "Error.StaleTitle", "Error.WrongTitle", "Flow.ComingSoonTitle", "Flow.ComingSoonText" })
        {
            Assert.False(said.Contains(t[fallback], StringComparison.Ordinal), $"'{what}' reached the generic answer {fallback}: {said}");
            Assert.False(said.Contains(local[fallback], StringComparison.Ordinal), $"'{what}' reached the generic answer {fallback} ({local.Culture.Name}): {said}");
        }

        var silent = turn.Replies.Count == 0 && (turn.InvokeResponse is null || InvokeMessage(turn) == t["Flow.Done"] || InvokeMessage(turn) == local["Flow.Done"]);
        Assert.False(silent, $"'{what}' got no answer at all.");
    }

    private static string InvokeMessage(TestTurn turn) =>
        turn.InvokeResponse?.Body is { } body && body.GetProperty("type").GetString() == "application/vnd.microsoft.activity.message"
            ? body.GetProperty("value").GetString() ?? string.Empty
            : string.Empty;

    private static Task<MentoringRequest> Offered(FlowHost host) => MatchingFlowTests.OfferToAsync(host, Jo);

    private static Task<Mentorship> Paired(FlowHost host) => CheckInFlowTests.PairSamWithJoAsync(host);

    private static async Task<(Mentorship Pairing, CheckIn Proposal)> Proposed(FlowHost host)
    {
        var pairing = await Paired(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        return (pairing, Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None)));
    }

    private static async Task<CheckIn> Booked(FlowHost host) => (await CheckInFlowTests.BookFirstCheckInAsync(host)).Proposal;

    private static async Task<Mentorship> Held(FlowHost host)
    {
        var (pairing, proposal) = await CheckInFlowTests.BookFirstCheckInAsync(host);
        host.Clock.Advance(proposal.ProposedSlots[0].End - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(20));
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["met"] = "yes", ["rating"] = "5" });
        return pairing;
    }

    private static async Task AddPilotAsync(FlowHost host, bool enrol)
    {
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(
            new MentoringProgram(
                Pilot,
                "Pilot cohort",
                new ProgramGoals("Leaders learn data tools; colleagues learn how the business works", []),
                new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
                new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
                MentoringProgram.DefaultReOfferWindow,
                [Kim.Id]),
            CancellationToken.None);
        if (enrol)
        {
            var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
            foreach (var person in new[] { Sam, Jo, Kim, Lee })
            {
                await enrolments.InsertAsync(Enrolment.SelfEnrol(Pilot, person.Id, FlowHost.Start.AddDays(-7)), CancellationToken.None);
            }
        }
    }
}
