using System.Globalization;
using System.Text.Json;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Proactive;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Bot.Tests.Proactive;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Skill progress (issue 18, decision 0461): the end-of-term card, sent through the nudge outbox, asks the learner
/// where they are now with the pair's skill, in English and Swedish; the answer is kept with where they started and
/// their target, and only the learner's answer counts.
/// </summary>
public sealed class EndOfTermLevelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EndOfTerm_LearnerSaysWhereTheyAreNow_KeptWithStartAndTarget_TheOthersLevelIgnored()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        var sam = (await host.Services.GetRequiredService<IProfileStore>().GetAsync(Sam.Id, CancellationToken.None))!.Value;
        var wanted = sam.Wants.Single(w => w.Skill == pairing.Skill);

        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ContinuePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "5", ["periodLevel"] = "3" });
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ContinuePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "4", ["periodLevel"] = "4" });

        var reviews = await host.Services.GetRequiredService<ICheckInStore>().ListReviewsAsync(pairing.Id, CancellationToken.None);
        var learner = reviews.Single(r => r.From == Sam.Id);
        Assert.Equal((SkillLevel.Practitioner, wanted.Current, wanted.Target), (learner.LevelNow!.Value, learner.LevelBefore!.Value, learner.LevelTarget!.Value));
        var other = reviews.Single(r => r.From == Jo.Id);
        Assert.Null(other.LevelNow);
    }

    [Theory]
    [InlineData("en-GB", "Where are you now with")]
    [InlineData("sv-SE", "Var är du nu med")]
    public void EndOfTermCard_AsksOnlyTheLearner_InTheirLanguage(string culture, string label)
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now);
        var mentorship = source.Pair.Mentorship;
        var learner = mentorship.Senior == pat.Id ? pat : alex;
        var teacher = learner == pat ? alex : pat;
        var factory = new NudgeCardFactory();

        string CardFor(Profile recipient)
        {
            var checkIn = source.Pair.CheckIns[^1];
            var item = new NudgeOutboxItem(
                new NudgeKey($"{mentorship.Id}:end:{recipient.Id}"), recipient.Id, NudgeKind.EndOfPeriod, Now,
                new NudgePayload(mentorship.Id, checkIn.Id, checkIn.Sequence, checkIn.Meeting?.Slot.Start, checkIn.Meeting?.JoinUrl));
            return factory.Build(item, source, CultureInfo.GetCultureInfo(culture), Now)!.Card.ToJson();
        }

        var forLearner = CardFor(learner);
        var forTeacher = CardFor(teacher);

        Assert.Contains($"\"id\":\"{ContinuePairingData.LevelInput}\"", forLearner.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(label, JsonDocument.Parse(forLearner).RootElement.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ContinuePairingData.LevelInput, forTeacher, StringComparison.Ordinal);
    }
}
