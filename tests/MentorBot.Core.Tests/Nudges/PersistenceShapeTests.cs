using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Tests.TestSupport;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Tests.Nudges;

/// <summary>The records storage will persist survive System.Text.Json unchanged (no hidden state, no setters needed).</summary>
public sealed class PersistenceShapeTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task Records_AfterAWholePairing_RoundTripThroughJson()
    {
        var simulation = new PairingSimulation(
            People.In("sven", "Europe/Stockholm"), People.In("nia", "America/New_York"), new(), People.Utc(2026, 2, 18, 10))
        {
            Meets = n => n != 2,
        };
        await simulation.RunUntilAsync(People.Utc(2026, 3, 10), TimeSpan.FromMinutes(15));
        var concern = Concerns.Raise(simulation.Mentorship, simulation.Mentorship.Junior, "not working", People.Utc(2026, 3, 10)).Unwrap();

        AssertRoundTrips(simulation.Mentorship);
        AssertRoundTrips(concern.Mentorship);
        AssertRoundTrips(concern);
        Assert.All(simulation.CheckIns, AssertRoundTrips);
        Assert.All(simulation.Outbox.Items, AssertRoundTrips);
        Assert.Contains(simulation.CheckIns, c => c.Agenda.Count == 0 && c.Attendance.Count == 2);
    }

    private static void AssertRoundTrips<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Json);

        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(json, Json), Json);

        Assert.Equal(json, again);
    }
}
