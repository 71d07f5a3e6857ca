using System.Globalization;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;
using InMemoryNudgeOutbox = MentorBot.Testing.InMemoryNudgeOutbox;

namespace MentorBot.Core.Tests.Nudges;

/// <summary>One nudge as a person experienced it: what, and when on their own wall clock.</summary>
public sealed record Delivery(UserId Recipient, NudgeKind Kind, NudgeKey Key, DateTimeOffset At);

/// <summary>
/// Clock + scheduler + planner + in-memory outbox + fake sender for one pair. Each step it proposes a check-in when
/// none is open (the pair picks the first slot), plans twice (to prove re-planning is harmless), leases and "sends"
/// due nudges, and lets people react the way the cards let them: answer "did you meet?", say thank you, answer the
/// end-of-period survey. It repeats within a step until nothing new is sent, as the bot re-plans after an answer.
/// </summary>
public sealed class PairingSimulation
{
    private readonly CheckInOptions _options;
    private readonly NudgePlanner _planner;
    private readonly Profile _senior;
    private readonly Profile _junior;
    private readonly NudgePreferences? _seniorPreferences;
    private readonly NudgePreferences? _juniorPreferences;
    private readonly HashSet<UserId> _endOfPeriodAnswers = [];

    public PairingSimulation(
        Profile senior, Profile junior, CheckInOptions options, DateTimeOffset start,
        NudgePreferences? seniorPreferences = null, NudgePreferences? juniorPreferences = null)
    {
        _options = options;
        _planner = new NudgePlanner(Options.Create(options));
        _senior = senior;
        _junior = junior;
        _seniorPreferences = seniorPreferences;
        _juniorPreferences = juniorPreferences;
        Clock = new ManualTimeProvider(start);
        var plannedEnd = CheckInCadence.PlannedEnd(start, senior, null, options);
        Mentorship = Mentorship.Start(
            new MentorshipId("m-1"), senior.Id, junior.Id, new SkillId("tiktok-for-business"), null, start, plannedEnd,
            CheckInCadence.For(null, options)).Unwrap();
    }

    public ManualTimeProvider Clock { get; }

    public InMemoryNudgeOutbox Outbox { get; } = new();

    public Mentorship Mentorship { get; private set; }

    public List<CheckIn> CheckIns { get; } = [];

    public List<Delivery> Deliveries { get; } = [];

    public int DuplicateEnqueues { get; private set; }

    public int Reproposals { get; private set; }

    /// <summary>Whether the pair books check-in <c>n</c> (picks a slot) at all.</summary>
    public Func<int, bool> Books { get; init; } = _ => true;

    /// <summary>What both say to "did you meet?" for check-in <c>n</c>.</summary>
    public Func<int, bool> Meets { get; init; } = _ => true;

    public async Task RunUntilAsync(DateTimeOffset end, TimeSpan step)
    {
        while (Clock.GetUtcNow() < end)
        {
            int sent;
            do
            {
                ProposeNextIfDue();
                await PlanAsync();
                await PlanAsync();
                sent = await DispatchAsync();
            }
            while (sent > 0);

            Clock.Advance(step);
        }
    }

    public IReadOnlyList<string> Timeline(Profile person) =>
        [.. Deliveries.Where(d => d.Recipient == person.Id).Select(d => $"{People.Local(d.At, person.TimeZoneId)} {d.Kind}")];

    private NudgeContext Context => new(Mentorship, CheckIns, _senior, _junior, _seniorPreferences, _juniorPreferences);

    private void ProposeNextIfDue()
    {
        var now = Clock.GetUtcNow();
        var next = CheckInCadence.Next(Mentorship, CheckIns, _senior, _options, now);
        if (!next.IsOk)
        {
            return;
        }

        var slots = SlotFinder.Find(CheckInCadence.SearchFor(next.Value, Mentorship, _senior, _junior, _options));
        Assert.True(slots.Found, $"no slots for check-in {next.Value.Number}: {slots.Reason}");
        var number = next.Value.Number;
        var proposed = next.Value.Replaces is { } stale
            ? CheckIns.Single(c => c.Id == stale).Repropose(slots.Slots).Unwrap()
            : CheckIn.Propose(new CheckInId($"ci-{number}"), Mentorship, number, slots.Slots, now).Unwrap();
        var booked = Books(number)
            ? proposed.Schedule(slots.Slots[0], $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{number}%40thread.v2/0").Unwrap()
            : proposed;
        CheckIns.RemoveAll(c => c.Id == booked.Id);
        CheckIns.Add(booked);
        Reproposals += next.Value.Replaces is null ? 0 : 1;
    }

    private async Task PlanAsync()
    {
        foreach (var item in _planner.PlanDue(Context, Clock.GetUtcNow()))
        {
            if (await Outbox.EnqueueIfAbsentAsync(item, CancellationToken.None) == EnqueueOutcome.AlreadyPresent)
            {
                DuplicateEnqueues++;
            }
        }
    }

    private async Task<int> DispatchAsync()
    {
        var now = Clock.GetUtcNow();
        var sent = 0;
        foreach (var lease in await Outbox.LeaseDueAsync(now, "sim", TimeSpan.FromMinutes(2), 50, CancellationToken.None))
        {
            var relevance = _planner.Recheck(lease.Item, Context, now);
            if (relevance != NudgeRelevance.Send)
            {
                await Outbox.MarkDroppedAsync(lease, relevance, CancellationToken.None);
                continue;
            }

            Deliveries.Add(new Delivery(lease.Item.Recipient, lease.Item.Kind, lease.Item.Key, now));
            Assert.Equal(LeaseOutcome.Done, await Outbox.MarkSentAsync(lease, now, CancellationToken.None));
            React(lease.Item, now);
            sent++;
        }

        return sent;
    }

    private void React(NudgeOutboxItem item, DateTimeOffset now)
    {
        switch (item.Kind)
        {
            case NudgeKind.PostMeeting:
                var index = CheckIns.FindIndex(c => c.Id == item.Payload.CheckInId);
                var checkIn = CheckIns[index];
                var met = Meets(checkIn.Number);
                var submission = new FeedbackSubmission(item.Recipient, met, met ? 5 : null, "How short video works", "Stakeholder maps");
                CheckIns[index] = CheckInFeedback.Submit(Mentorship, checkIn, submission, now).Unwrap().CheckIn;
                break;
            case NudgeKind.ThankYouPrompt:
                var thanked = CheckIns.FindIndex(c => c.Id == item.Payload.CheckInId);
                CheckIns[thanked] = CheckIns[thanked].RecordThanks(Mentorship, item.Recipient, now).Unwrap();
                break;
            case NudgeKind.EndOfPeriod:
                _endOfPeriodAnswers.Add(item.Recipient);
                if (_endOfPeriodAnswers.Count == 2)
                {
                    Mentorship = Mentorship.End(EndReason.Completed, now).Unwrap();
                }

                break;
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Deliveries.Select(d =>
        string.Create(CultureInfo.InvariantCulture, $"{d.At:u} {d.Recipient} {d.Kind}")));
}
