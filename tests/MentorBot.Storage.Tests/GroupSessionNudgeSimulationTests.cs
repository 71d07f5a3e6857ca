using System.Globalization;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;
using MentorBot.Core.Sessions;
using MentorBot.Core.Skills;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace MentorBot.Storage.Tests;

/// <summary>
/// A three-date weekly series hosted from Stockholm across Europe's DST change (28 March 2027), with attendees in
/// Stockholm, New York (already on summer time from 14 March) and Tokyo (no DST), run on a manual clock through the
/// product's composition: every quarter of an hour the session nudge pass plans what is due and the outbox hands out what is
/// due to send. The expected nudges were worked out by hand, in each person's own wall-clock time.
/// </summary>
public sealed class GroupSessionNudgeSimulationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WeeklySeriesAcrossDst_ThreeZones_EachPersonGetsExactlyTheseNudgesAtTheseLocalTimes()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var services = ProductServices.Compose(new MentorBotOverrides { StorageEngine = new InMemoryTableEngine("sim", clock), Clock = clock });
        services.Replace(ServiceDescriptor.Singleton<IRequestMessageDelivery, NoFastPath>());
        await using var provider = services.BuildServiceProvider(MentorBotHost.ProviderOptions);
        foreach (var table in provider.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await provider.GetRequiredService<ITableEngine>().GetTable(table).CreateIfNotExistsAsync(None);
        }

        var jo = Person("aad-jo", "Europe/Stockholm");
        var ann = Person("aad-ann", "Europe/Stockholm");
        var ben = Person("aad-ben", "America/New_York");
        var kei = Person("aad-kei", "Asia/Tokyo");
        var profiles = provider.GetRequiredService<IProfileStore>();
        foreach (var person in new[] { jo, ann, ben, kei })
        {
            await profiles.InsertAsync(person, None);
        }

        var sessions = provider.GetRequiredService<GroupSessionService>();
        // 16:00 in Stockholm every Tuesday: 15:00 UTC on 23 March, 14:00 UTC after the clocks go forward.
        var starts = GroupSessionService.WeeklySeries(new DateTimeOffset(2027, 3, 23, 15, 0, 0, TimeSpan.Zero), 3, jo.TimeZoneId);
        Assert.Equal(
            [new DateTimeOffset(2027, 3, 23, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 30, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 4, 6, 14, 0, 0, TimeSpan.Zero)],
            starts);
        var offered = await sessions.OfferAsync(jo, new SessionDraft("AI tools in daily work", new SkillId("ai-tools"), "Three short hands-on sessions", TimeSpan.FromHours(1), 5, starts), None);
        var session = Assert.IsType<OfferOutcome.Created>(offered).Session;
        foreach (var person in new[] { ann, ben, kei })
        {
            Assert.Equal(JoinResult.Seated, (await sessions.JoinAsync(session.Id, person, None)).Result);
        }

        var pass = provider.GetRequiredService<SessionNudgePass>();
        var outbox = provider.GetRequiredService<IRequestMessageOutbox>();
        var renderer = provider.GetRequiredService<SessionMessageRenderer>();
        var preferences = provider.GetRequiredService<INudgePreferencesStore>();
        var zones = new[] { jo, ann, ben, kei }.ToDictionary(p => p.Id, p => DateTimeZoneProviders.Tzdb[p.TimeZoneId]);
        var received = zones.Keys.ToDictionary(p => p, _ => new List<string>());
        var end = new DateTimeOffset(2027, 4, 16, 0, 0, 0, TimeSpan.Zero);
        while (clock.GetUtcNow() < end)
        {
            var now = clock.GetUtcNow();
            if (now == new DateTimeOffset(2027, 3, 26, 0, 0, 0, TimeSpan.Zero))
            {
                // Ann takes a break until Wednesday 31 March, 14:00 in Stockholm.
                await preferences.SaveAsync(NudgePreferences.None(ann.Id).SnoozeUntil(new DateTimeOffset(2027, 3, 31, 12, 0, 0, TimeSpan.Zero)), None);
            }

            await pass.RunAsync(None);
            foreach (var lease in await outbox.LeaseDueAsync(now, "sim", TimeSpan.FromMinutes(5), 50, None))
            {
                var message = RequestMessageJson.Read(lease.Item)!;
                if (await renderer.RenderAsync(message, None) is { } told)
                {
                    var local = Instant.FromDateTimeOffset(now).InZone(zones[message.Recipient]).LocalDateTime;
                    received[message.Recipient].Add($"{Name(told.Kind)}{(told.Occurrence is { } o && told.Kind != RequestMessageKind.SessionSeat ? $" #{o + 1}" : string.Empty)} {local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}");
                    await outbox.MarkSentAsync(lease, now, None);
                }
                else
                {
                    await outbox.MarkDroppedAsync(lease, NudgeRelevance.Obsolete, None);
                }
            }

            clock.Advance(TimeSpan.FromMinutes(15));
        }

        Assert.Equal(
            [
                "agenda #1 Mon 22 Mar 16:00", "starting-soon #1 Tue 23 Mar 15:45",
                "agenda #2 Mon 29 Mar 16:00", "starting-soon #2 Tue 30 Mar 15:45",
                "agenda #3 Mon 5 Apr 16:00", "starting-soon #3 Tue 6 Apr 15:45",
            ],
            received[jo.Id]);
        Assert.Equal(
            [
                "seat Sat 20 Mar 10:00",
                "starting-soon #1 Tue 23 Mar 15:45", "feedback #1 Tue 23 Mar 17:15",
                // Snoozed: "starting soon" is dropped (later is pointless), the feedback card waits for the break to end.
                "feedback #2 Wed 31 Mar 14:00",
                "starting-soon #3 Tue 6 Apr 15:45", "feedback #3 Tue 6 Apr 17:15", "thank-host #3 Tue 6 Apr 19:15",
            ],
            received[ann.Id]);
        Assert.Equal(
            [
                "seat Sat 20 Mar 05:00",
                // New York is on summer time already, Stockholm not yet: 10:45, then 09:45 after 28 March.
                "starting-soon #1 Tue 23 Mar 10:45", "feedback #1 Tue 23 Mar 12:15",
                "starting-soon #2 Tue 30 Mar 09:45", "feedback #2 Tue 30 Mar 11:15",
                "starting-soon #3 Tue 6 Apr 09:45", "feedback #3 Tue 6 Apr 11:15", "thank-host #3 Tue 6 Apr 13:15",
            ],
            received[ben.Id]);
        Assert.Equal(
            [
                "seat Sat 20 Mar 18:00",
                // 23:45 and 22:45 in Tokyo are quiet hours: no "starting soon"; feedback and thanks wait until 08:00.
                "feedback #1 Wed 24 Mar 08:00", "feedback #2 Wed 31 Mar 08:00",
                "feedback #3 Wed 7 Apr 08:00", "thank-host #3 Wed 7 Apr 08:00",
            ],
            received[kei.Id]);
    }

    private static string Name(RequestMessageKind kind) => kind switch
    {
        RequestMessageKind.SessionSeat => "seat",
        RequestMessageKind.SessionAgendaPrompt => "agenda",
        RequestMessageKind.SessionStartingSoon => "starting-soon",
        RequestMessageKind.SessionFeedback => "feedback",
        RequestMessageKind.SessionThanksPrompt => "thank-host",
        _ => kind.ToString(),
    };

    private static Profile Person(string id, string zone) => new(
        new UserId(id), id, $"{id}@contoso.example", null, null, new CareerLevel(5), zone, WorkingHours.Default, ["en"], 2,
        Participation.Active, ProgramRole.Both, [], []);

    private sealed class NoFastPath : IRequestMessageDelivery
    {
        public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
