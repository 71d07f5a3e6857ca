using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// The "Pilot cohort" program the program flow tests share (1 Nov 2026 – 30 Apr 2027, around <see cref="FlowHost.Start"/>),
/// seeded through the real store ports, and the steps those tests take in it. One copy, where each test class had its own.
/// </summary>
internal static class PilotProgram
{
    public static readonly ProgramId Id = new("pilot");

    public const string Name = "Pilot cohort";

    public static MentoringProgram Create(
        IEnumerable<Person> owners, IEnumerable<Person>? safeguard = null, LocalDate? start = null, LocalDate? end = null) => new(
        Id,
        Name,
        new ProgramGoals("Leaders learn data tools; juniors learn how the business works", []),
        new CohortDates(start ?? new LocalDate(2026, 11, 1), end ?? new LocalDate(2027, 4, 30)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
        MentoringProgram.DefaultReOfferWindow,
        [.. owners.Select(o => o.Id)],
        SafeguardContacts: safeguard is null ? null : [.. safeguard.Select(s => s.Id)]);

    /// <summary>Inserts the program and self-enrols <paramref name="enrolled"/> a week before the host's start; returns it as stored.</summary>
    public static async Task<MentoringProgram> SeedProgramAsync(
        this FlowHost host, IEnumerable<Person> owners, IEnumerable<Person> enrolled, IEnumerable<Person>? safeguard = null)
    {
        var programs = host.Services.GetRequiredService<IProgramStore>();
        await programs.InsertAsync(Create(owners, safeguard), CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        foreach (var person in enrolled)
        {
            await enrolments.InsertAsync(Enrolment.SelfEnrol(Id, person.Id, FlowHost.Start.AddDays(-7)), CancellationToken.None);
        }

        return (await programs.GetAsync(Id, CancellationToken.None))!.Value;
    }

    /// <summary>Sam asks Jo for Power BI and Jo accepts: returns their pairing.</summary>
    public static async Task<Mentorship> PairSamWithJoAsync(this FlowHost host)
    {
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        return Assert.Single(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None));
    }
}

/// <summary>What a person reads in a sent activity or on a card, for the flow tests' assertions.</summary>
internal static class FlowText
{
    /// <summary>The activity's text followed by the visible text of every card it carries.</summary>
    public static string Text(Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => FlowCards.VisibleText(JsonNode.Parse(a.Content!.Value.GetRawText())!)));

    /// <summary>The value of the fact titled <paramref name="title"/> anywhere on the card, or null.</summary>
    public static string? Fact(JsonObject card, string title) =>
        card.DescendantsNamed("facts").SelectMany(f => f.AsArray()).OfType<JsonObject>()
            .FirstOrDefault(f => f["title"]?.GetValue<string>() == title)?["value"]?.GetValue<string>();
}
