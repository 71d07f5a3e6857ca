using MentorBot.Bot.Proactive;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core;
using InMemoryNudgeOutbox = MentorBot.Testing.InMemoryNudgeOutbox;

namespace MentorBot.Bot.Tests.Proactive;

/// <summary>Pairs with a check-in at a chosen time, and the nudges the real planner finds due for them.</summary>
internal static class NudgeTestData
{
    public static Profile Person(string id, string name, string timeZone) => new(
        new UserId(id),
        name,
        $"{id}@contoso.example",
        null,
        null,
        new CareerLevel(3),
        timeZone,
        WorkingHours.Default,
        ["en"],
        3,
        Participation.Active,
        ProgramRole.Both,
        [],
        []);

    /// <summary>A pair whose only check-in runs from <paramref name="start"/> for 30 minutes.</summary>
    public static NudgeSource Pair(string id, Profile senior, Profile junior, DateTimeOffset start, params AgendaTopic[] agenda)
    {
        var mentorship = Mentorship.Start(
            new MentorshipId(id), senior.Id, junior.Id, new SkillId("tiktok"), null, start.AddDays(-20), start.AddMonths(3), Cadence.Default).Unwrap();
        var checkIn = new CheckIn(
            new CheckInId($"{id}-ci-2"),
            mentorship.Id,
            2,
            CheckInStatus.Scheduled,
            [],
            new ScheduledMeeting(new TimeSlot(start, start.AddMinutes(30)), "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "event-1"),
            0,
            [.. agenda],
            [],
            null,
            null,
            null,
            start.AddDays(-3),
            null);
        return new NudgeSource(new NudgeContext(mentorship, [checkIn], senior, junior), "TikTok and short video");
    }

    public static NudgePlanner Planner() => new(Microsoft.Extensions.Options.Options.Create(new CheckInOptions()));

    /// <summary>Plans what is due now for each pair and puts it in the outbox; returns the items.</summary>
    public static async Task<IReadOnlyList<NudgeOutboxItem>> EnqueueDueAsync(
        InMemoryNudgeOutbox outbox, FakeNudgeContextSource contexts, DateTimeOffset now, params NudgeSource[] pairs)
    {
        var planner = Planner();
        var items = new List<NudgeOutboxItem>();
        foreach (var pair in pairs)
        {
            contexts.Put(pair);
            foreach (var item in planner.PlanDue(pair.Pair, now))
            {
                await outbox.EnqueueIfAbsentAsync(item, CancellationToken.None);
                items.Add(item);
            }
        }

        return items;
    }
}

public sealed class FakeNudgeContextSource : INudgeContextSource
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<MentorshipId, NudgeSource> _pairs = new();

    public void Put(NudgeSource source) => _pairs[source.Pair.Mentorship.Id] = source;

    public Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken) =>
        Task.FromResult(_pairs.TryGetValue(mentorshipId, out var source) ? source : null);
}
