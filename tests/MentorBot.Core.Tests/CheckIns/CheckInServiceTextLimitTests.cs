using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.Options;
using Moq;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Tests.CheckIns;

/// <summary>
/// The check-in service refuses over-long text itself (decision 0251), not only the Bot's router: strict mocks prove it
/// reads and writes nothing and tells nobody when it refuses.
/// </summary>
public sealed class CheckInServiceTextLimitTests
{
    private static readonly MentorshipId Pairing = new("pairing-1");
    private static readonly UserId Senior = new("00000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task Thank_OverLongNote_IsRefusedAndNothingStored()
    {
        var (service, mocks) = Build();
        var note = new string('x', TextLimits.MaxLength(FreeTextField.ThanksNote) + 1);

        var outcome = await service.ThankAsync(Pairing, Senior, note, copyManager: true, CancellationToken.None);

        var tooLong = Assert.IsType<ThanksOutcome.TooLong>(outcome);
        Assert.Equal(new TextTooLong(FreeTextField.ThanksNote, 1000, 1001), tooLong.Problem);
        Assert.All(mocks, m => Assert.Equal(MockBehavior.Strict, m.Behavior)); // any read, write or notice would have thrown
    }

    [Fact]
    public async Task EndOfPeriod_OverLongHighlight_IsRefusedAndNothingStored()
    {
        var (service, mocks) = Build();
        var highlight = new string('x', TextLimits.MaxLength(FreeTextField.PeriodHighlight) + 1);

        var outcome = await service.EndOfPeriodAsync(Pairing, Senior, keepGoing: false, rating: 5, highlight, CancellationToken.None);

        var tooLong = Assert.IsType<PeriodOutcome.TooLong>(outcome);
        Assert.Equal(FreeTextField.PeriodHighlight, tooLong.Problem.Field);
        Assert.All(mocks, m => Assert.Equal(MockBehavior.Strict, m.Behavior)); // any read, write or notice would have thrown
    }

    [Fact]
    public async Task EndOfPeriod_HighlightAtTheLimitWithSpaces_IsNotRefused()
    {
        var (service, _) = Build(strict: false);
        var highlight = $"  {new string('x', TextLimits.MaxLength(FreeTextField.PeriodHighlight))}  ";

        var outcome = await service.EndOfPeriodAsync(Pairing, Senior, keepGoing: false, rating: 5, highlight, CancellationToken.None);

        Assert.IsType<PeriodOutcome.NotFound>(outcome);
    }

    private static (CheckInService Service, List<Mock> Mocks) Build(bool strict = true)
    {
        var behavior = strict ? MockBehavior.Strict : MockBehavior.Loose;
        var checkIns = new Mock<ICheckInStore>(behavior);
        var mentorships = new Mock<IMentorshipStore>(behavior);
        var profiles = new Mock<IProfileStore>(behavior);
        var calendar = new Mock<ICalendar>(behavior);
        var delivery = new Mock<IRequestMessageDelivery>(behavior);
        var programs = new Mock<IProgramStore>(behavior);
        var options = Options.Create(new CheckInOptions());
        var service = new CheckInService(
            checkIns.Object, mentorships.Object, profiles.Object, calendar.Object, delivery.Object, options, new ManagerCopyRules(programs.Object, options), TimeProvider.System,
            new PairingMessages(mentorships.Object, delivery.Object, TimeProvider.System));
        return (service, [checkIns, mentorships, profiles, calendar, delivery, programs]);
    }
}
