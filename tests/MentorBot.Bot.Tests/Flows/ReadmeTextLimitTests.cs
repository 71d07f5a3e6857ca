using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Cards;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core.Programs;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Every limit in the README's "Free-text limits" row (decision 0251) is exactly what the bot enforces: through the
/// whole bot, text of the limit's length is taken (and stored where it is stored), one character more gets the
/// friendly card that keeps the text cut to the limit, and nothing is stored.
/// </summary>
public sealed partial class ReadmeTextLimitTests
{
    /// <summary>The README's wording for each field, as the row names it.</summary>
    private static readonly Dictionary<string, FreeTextField> ReadmeNames = new(StringComparer.Ordinal)
    {
        ["decline note"] = FreeTextField.DeclineNote,
        ["suggested colleague"] = FreeTextField.SuggestedColleague,
        ["its note"] = FreeTextField.SuggestionNote,
        ["end-of-pairing note"] = FreeTextField.EndNote,
        ["slot note"] = FreeTextField.SlotNote,
        ["agenda topic"] = FreeTextField.AgendaTopic,
        ["feedback answers"] = FreeTextField.FeedbackAnswer,
        ["shared note"] = FreeTextField.SharedNote,
        ["concern"] = FreeTextField.ConcernText,
        ["thank-you note"] = FreeTextField.ThanksNote,
        ["highlight"] = FreeTextField.PeriodHighlight,
        ["department"] = FreeTextField.Department,
        ["other skills"] = FreeTextField.OtherSkills,
        ["goal"] = FreeTextField.Goal,
        ["a chat message"] = FreeTextField.ChatMessage,
    };

    public static TheoryData<string> ReadmeFields => [.. ReadmeLimits().Keys];

    [Fact]
    public void Readme_FreeTextLimitsRow_NamesEveryFieldWithCoresLimit()
    {
        var documented = ReadmeLimits();

        Assert.Equal(ReadmeNames.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        Assert.All(documented, d => Assert.Equal(d.Value, TextLimits.MaxLength(ReadmeNames[d.Key])));
    }

    [Theory]
    [MemberData(nameof(ReadmeFields))]
    public async Task Submit_AtTheReadmeLimit_IsTakenAndOneMoreGetsTheFriendlyCard(string readmeName)
    {
        var limit = ReadmeLimits()[readmeName];
        var field = ReadmeNames[readmeName];
        var exact = new string('x', limit);
        var over = new string('x', limit + 1);

        using var atLimitHost = await NewHostAsync();
        var atLimit = await Cases[field](atLimitHost, exact);
        using var overHost = await NewHostAsync();
        var overLimit = await Cases[field](overHost, over);

        Assert.DoesNotContain(atLimit.Turn.VisibleTexts, t => t.Contains("little long", StringComparison.Ordinal) || t.Contains("longer than I can read", StringComparison.Ordinal));
        Assert.DoesNotContain(atLimit.Turn.VisibleTexts, t => t.Contains("keep", StringComparison.OrdinalIgnoreCase) && t.Contains("character", StringComparison.OrdinalIgnoreCase));
        Assert.True(await atLimit.Taken(), $"{readmeName}: {limit} characters were not taken. Replies: {atLimit.Turn.Text} {FlowExpect.InvokeCardText(atLimit.Turn)}");
        if (field == FreeTextField.ChatMessage)
        {
            // A chat message has no card to keep it in: one kind sentence (decision 0251).
            Assert.Contains(string.Format(CultureInfo.InvariantCulture, "the most is {0:N0} characters", limit), overLimit.Turn.Text, StringComparison.Ordinal);
        }
        else
        {
            var card = Assert.Single(overLimit.Turn.Cards, c => FlowCards.VisibleText(c).Contains("That's a little long", StringComparison.Ordinal));
            Assert.Contains(FlowCards.Inputs(card), i => i.Value == exact);
            Assert.Contains(overLimit.Verb, CardJson.Verbs(card));
        }

        Assert.False(await overLimit.Taken(), $"{readmeName}: {limit + 1} characters were stored.");
    }

    private static async Task<FlowHost> NewHostAsync() =>
        await new FlowHost(services => services.Configure<ConcernOptions>(o => o.DefaultOwners.Add(Kim.Id.AadObjectId))).SeedAsync();

    /// <summary>What one submit did, and how to tell whether its text was taken (stored, or the action went ahead).</summary>
    private sealed record Attempt(string Verb, TestTurn Turn, Func<Task<bool>> Taken);

    private static readonly Dictionary<FreeTextField, Func<FlowHost, string, Task<Attempt>>> Cases = new()
    {
        [FreeTextField.DeclineNote] = async (host, text) =>
        {
            var request = await MatchingFlowTests.OfferToAsync(host, Jo);
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.DeclineRequest, new Dictionary<string, object>
            {
                ["requestId"] = request.Id.Value, ["version"] = 1, [DeclineRequestData.NoteInput] = text,
            });
            return new(CardVerbs.DeclineRequest, turn, async () => (await host.Requests.GetAsync(request.Id, None))!.Value.Offers.Any(o => o.DeclineReason == text));
        },
        [FreeTextField.SuggestedColleague] = async (host, text) =>
        {
            var request = await MatchingFlowTests.OfferToAsync(host, Jo);
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SuggestColleague, new Dictionary<string, object>
            {
                ["requestId"] = request.Id.Value, ["version"] = 1, [SuggestColleagueData.ColleagueInput] = text,
            });
            return new(CardVerbs.SuggestColleague, turn, async () => (await host.Requests.GetAsync(request.Id, None))!.Value.Offers.Any(o => o.DeclineReason?.EndsWith(text, StringComparison.Ordinal) == true));
        },
        [FreeTextField.SuggestionNote] = async (host, text) =>
        {
            var request = await MatchingFlowTests.OfferToAsync(host, Jo);
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SuggestColleague, new Dictionary<string, object>
            {
                ["requestId"] = request.Id.Value, ["version"] = 1, [SuggestColleagueData.ColleagueInput] = "Kim Young", [SuggestColleagueData.NoteInput] = text,
            });
            return new(CardVerbs.SuggestColleague, turn, async () => (await host.Requests.GetAsync(request.Id, None))!.Value.Offers.Any(o => o.DeclineReason is not null));
        },
        [FreeTextField.EndNote] = async (host, text) =>
        {
            var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ConfirmEndPairing, new Dictionary<string, object>
            {
                ["pairingId"] = pairing.Id.Value, [ConfirmEndPairingData.NoteInput] = text,
            });
            return new(CardVerbs.ConfirmEndPairing, turn, async () => (await Pairing(host, pairing.Id)).State.Status == MentorshipStatus.Ended);
        },
        [FreeTextField.SlotNote] = async (host, text) =>
        {
            var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
            await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
            var proposal = Assert.Single(await CheckIns(host).ListAsync(pairing.Id, None));
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, object>
            {
                ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, [NoSlotFitsData.NoteInput] = text,
            });
            // Nothing stores the note yet; taken means the press went past the limit check to its handler.
            return new(CardVerbs.NoSlotFits, turn, () => Task.FromResult(!turn.VisibleTexts.Any(t => t.Contains("little long", StringComparison.Ordinal))));
        },
        [FreeTextField.AgendaTopic] = async (host, text) =>
        {
            var (_, booked) = await CheckInFlowTests.BookFirstCheckInAsync(host);
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, object>
            {
                ["checkInId"] = booked.Id.Value, [AddAgendaTopicData.TopicInput] = text,
            });
            return new(CardVerbs.AddAgendaTopic, turn, async () => (await CheckIns(host).GetAsync(booked.Id, None))!.Value.Agenda.Any(a => a.Text == text));
        },
        [FreeTextField.FeedbackAnswer] = async (host, text) =>
        {
            // From the senior, whose card also asks for the one thing they will try: every answer is a feedback answer.
            var (pairing, booked) = await AfterTheMeetingAsync(host);
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, object>
            {
                ["checkInId"] = booked.Id.Value, ["met"] = "yes", ["rating"] = "5",
                [SubmitFeedbackData.LearnedInput] = text, [SubmitFeedbackData.TaughtInput] = text, [SubmitFeedbackData.NextTopicsInput] = text, [SubmitFeedbackData.OneThingInput] = text,
            });
            return new(CardVerbs.SubmitFeedback, turn, async () =>
                (await CheckIns(host).ListFeedbackAsync(pairing.Id, None)).Any(f => (f.Learned, f.Taught, f.NextTopics) == (text, text, text))
                && (await CheckIns(host).GetAsync(booked.Id, None))!.Value.OneThingToTry == text);
        },
        [FreeTextField.SharedNote] = async (host, text) =>
        {
            var (_, booked) = await AfterTheMeetingAsync(host);
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, object>
            {
                ["checkInId"] = booked.Id.Value, ["met"] = "yes", ["rating"] = "5", [SubmitFeedbackData.SharedNoteInput] = text,
            });
            return new(CardVerbs.SubmitFeedback, turn, async () => (await CheckIns(host).GetAsync(booked.Id, None))!.Value.Notes == text);
        },
        [FreeTextField.ConcernText] = async (host, text) =>
        {
            var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
            var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, object>
            {
                ["pairingId"] = pairing.Id.Value, [RaiseConcernData.ConcernInput] = text,
            });
            return new(CardVerbs.RaiseConcern, turn, async () => (await Pairing(host, pairing.Id)).State.PauseReason == PauseReason.Concern
                && host.Inbox(Kim).Any(m => Text(m.Activity).Contains(text, StringComparison.Ordinal)));
        },
        [FreeTextField.ThanksNote] = async (host, text) =>
        {
            var (pairing, booked) = await AfterTheMeetingAsync(host);
            await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, object> { ["checkInId"] = booked.Id.Value, ["met"] = "yes", ["rating"] = "5" });
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, object>
            {
                ["pairingId"] = pairing.Id.Value, [SendThanksData.NoteInput] = text,
            });
            return new(CardVerbs.SendThanks, turn, () => Task.FromResult(host.Inbox(Jo).Any(m => Text(m.Activity).Contains(text, StringComparison.Ordinal))));
        },
        [FreeTextField.PeriodHighlight] = async (host, text) =>
        {
            var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ContinuePairing, new Dictionary<string, object>
            {
                ["pairingId"] = pairing.Id.Value, ["periodRating"] = "5", [ContinuePairingData.HighlightInput] = text,
            });
            return new(CardVerbs.ContinuePairing, turn, async () => (await CheckIns(host).ListReviewsAsync(pairing.Id, None)).Any(r => r.Highlight == text));
        },
        [FreeTextField.Department] = async (host, text) =>
        {
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SaveProfile, ProfileForm(SaveProfileData.DepartmentInput, text));
            return new(CardVerbs.SaveProfile, turn, async () => (await host.Profiles.GetAsync(Sam.Id, None))!.Value.Department == text);
        },
        [FreeTextField.OtherSkills] = async (host, text) =>
        {
            var turn = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SaveProfile, ProfileForm(SaveProfileData.OtherWantsInput, text));
            // Sam's seeded profile offers stakeholder management and negotiation; the form's save keeps only the first.
            return new(CardVerbs.SaveProfile, turn, async () => (await host.Profiles.GetAsync(Sam.Id, None))!.Value.Offers.Count == 1);
        },
        [FreeTextField.Goal] = async (host, text) =>
        {
            var sam = host.ChatOf(Sam);
            await sam.SendAsync("I need help with Power BI");
            var form = ((Dictionary<string, string>)FlowScriptTests.PowerBiAsk).ToDictionary(p => p.Key, p => (object)p.Value);
            form[AskForHelpData.GoalInput] = text;
            var turn = await sam.InvokeAsync(CardVerbs.AskForHelp, form);
            return new(CardVerbs.AskForHelp, turn, async () => (await host.Requests.ListBySeniorAsync(Sam.Id, None)).Any(r => r.Goal == text));
        },
        [FreeTextField.ChatMessage] = async (host, text) =>
        {
            // Not a command, so a message the bot reads answers with help rather than the "too long" sentence.
            var turn = await host.ChatOf(Sam).SendAsync(text);
            return new("message", turn, () => Task.FromResult(!turn.Text.Contains("longer than I can read", StringComparison.Ordinal)));
        },
    };

    private static readonly CancellationToken None = CancellationToken.None;

    private static Dictionary<string, object> ProfileForm(string input, string text) =>
        new((Dictionary<string, object>)FlowScriptTests.ProfileForm) { ["isEdit"] = true, [input] = text };

    private static ICheckInStore CheckIns(FlowHost host) => host.Services.GetRequiredService<ICheckInStore>();

    private static async Task<Mentorship> Pairing(FlowHost host, MentorshipId id) =>
        (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(id, None))!.Value;

    /// <summary>A booked first check-in whose meeting is over, so feedback and thanks are open.</summary>
    private static async Task<(Mentorship Pairing, CheckIn Booked)> AfterTheMeetingAsync(FlowHost host)
    {
        var (pairing, booked) = await CheckInFlowTests.BookFirstCheckInAsync(host);
        host.Clock.Advance(booked.ProposedSlots[0].End - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(20));
        return (pairing, booked);
    }

    private static string Text(MentorBot.Bot.Protocol.Schema.Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => FlowCards.VisibleText(JsonNode.Parse(a.Content!.Value.GetRawText())!)));

    /// <summary>"decline note 500 characters, suggested colleague 200 and its note 500, …" from the README, as name → limit.</summary>
    private static Dictionary<string, int> ReadmeLimits()
    {
        var row = File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")).Single(l => l.StartsWith("| Free-text limits |", StringComparison.Ordinal));
        var list = row[(row.IndexOf("):", StringComparison.Ordinal) + 2)..row.IndexOf(". Longer", StringComparison.Ordinal)];
        return list.Split([", ", " and "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => LimitItem().Match(item))
            .ToDictionary(
                m => m.Success ? m.Groups["name"].Value : throw new InvalidOperationException("Unreadable README limit: " + m.Value),
                m => int.Parse(m.Groups["max"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(?<name>.+?) (?<max>\d[\d,]*)( characters)?$")]
    private static partial Regex LimitItem();
}
