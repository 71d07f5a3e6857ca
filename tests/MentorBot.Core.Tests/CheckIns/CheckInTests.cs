using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;

namespace MentorBot.Core.Tests.CheckIns;

public sealed class CheckInTests
{
    private static readonly DateTimeOffset Now = People.Utc(2026, 3, 2, 9);
    private static readonly UserId Senior = new("sven");
    private static readonly UserId Junior = new("nia");
    private static readonly Mentorship Pair = Mentorship.Start(
        new MentorshipId("m-1"), Senior, Junior, new SkillId("ai-tools"), null, Now, Now.AddMonths(3), Cadence.Default).Unwrap();
    private static readonly TimeSlot Slot = new(People.Utc(2026, 3, 9, 13), People.Utc(2026, 3, 9, 13, 30));
    private static readonly DateTimeOffset AfterMeeting = Slot.End.AddMinutes(15);

    [Fact]
    public void Propose_NoSlots_NoSlotsError()
    {
        var result = CheckIn.Propose(new CheckInId("ci-1"), Pair, 1, [], Now);

        Assert.Equal(CheckInError.NoSlots, result.Error);
    }

    [Fact]
    public void Schedule_Proposed_ScheduledWithMeeting()
    {
        var checkIn = Proposed().Schedule(Slot, "https://teams.microsoft.com/l/meetup-join/x").Unwrap();

        Assert.Equal(CheckInStatus.Scheduled, checkIn.Status);
        Assert.Equal(Slot, checkIn.Meeting!.Slot);
        Assert.Equal(0, checkIn.Sequence);
    }

    [Fact]
    public void Repropose_Proposed_NewTimesSameCheckIn_ScheduledCannot()
    {
        var later = new TimeSlot(Slot.Start.AddDays(7), Slot.End.AddDays(7));

        var again = Proposed().Repropose([later]).Unwrap();

        Assert.Equal((new CheckInId("ci-1"), CheckInStatus.Proposed), (again.Id, again.Status));
        Assert.Equal([later], again.ProposedSlots);
        Assert.Equal(CheckInError.NotProposed, Scheduled().Repropose([later]).Error);
    }

    [Fact]
    public void AttachMeeting_AfterGraphAnswered_KeepsSlotAddsLinkAndEventId()
    {
        var checkIn = Scheduled().AttachMeeting("https://teams.microsoft.com/l/meetup-join/y", "AAMkAD=").Unwrap();

        Assert.Equal(new ScheduledMeeting(Slot, "https://teams.microsoft.com/l/meetup-join/y", "AAMkAD="), checkIn.Meeting);
    }

    [Fact]
    public void Reschedule_Scheduled_NewTimeNextSequenceSameId()
    {
        var later = new TimeSlot(Slot.Start.AddDays(1), Slot.End.AddDays(1));

        var moved = Scheduled().Reschedule(later).Unwrap();

        Assert.Equal((CheckInStatus.Scheduled, 1, later), (moved.Status, moved.Sequence, moved.Meeting!.Slot));
    }

    [Fact]
    public void Reschedule_Missed_ScheduledAgainAndOldAnswersDropped()
    {
        var missed = Scheduled().RecordAttendance(Pair, Junior, met: false, AfterMeeting).Unwrap();
        var later = new TimeSlot(Slot.Start.AddDays(2), Slot.End.AddDays(2));

        var moved = missed.Reschedule(later).Unwrap();

        Assert.Equal(CheckInStatus.Scheduled, moved.Status);
        Assert.Empty(moved.Attendance);
        Assert.Null(moved.ResolvedAt);
    }

    [Fact]
    public void Reschedule_Held_HeldCannotChange()
    {
        var held = Scheduled().RecordAttendance(Pair, Senior, met: true, AfterMeeting).Unwrap();

        var result = held.Reschedule(new TimeSlot(Slot.Start.AddDays(1), Slot.End.AddDays(1)));

        Assert.Equal(CheckInError.HeldCannotChange, result.Error);
    }

    [Fact]
    public void Skip_Held_HeldCannotChange()
    {
        var held = Scheduled().RecordAttendance(Pair, Senior, met: true, AfterMeeting).Unwrap();

        Assert.Equal(CheckInError.HeldCannotChange, held.Skip(AfterMeeting).Error);
    }

    [Fact]
    public void Skip_Scheduled_SkippedAndSequenceMovesForTheCancellation()
    {
        var skipped = Scheduled().Skip(Now).Unwrap();

        Assert.Equal((CheckInStatus.Skipped, 1), (skipped.Status, skipped.Sequence));
        Assert.Equal(CheckInError.Skipped, skipped.Schedule(Slot).Error);
    }

    [Fact]
    public void RecordAttendance_BeforeMeetingStarts_NotStartedYet()
    {
        var result = Scheduled().RecordAttendance(Pair, Senior, met: true, Slot.Start.AddMinutes(-1));

        Assert.Equal(CheckInError.NotStartedYet, result.Error);
    }

    [Fact]
    public void RecordAttendance_Stranger_NotAParticipant()
    {
        var result = Scheduled().RecordAttendance(Pair, new UserId("mallory"), met: true, AfterMeeting);

        Assert.Equal(CheckInError.NotAParticipant, result.Error);
    }

    [Theory]
    [InlineData(false, false, CheckInStatus.Missed)]
    [InlineData(true, false, CheckInStatus.Held)]
    [InlineData(false, true, CheckInStatus.Held)]
    [InlineData(true, true, CheckInStatus.Held)]
    public void RecordAttendance_BothAnswer_AYesFromEitherMeansHeld(bool seniorMet, bool juniorMet, CheckInStatus expected)
    {
        var checkIn = Scheduled()
            .RecordAttendance(Pair, Senior, seniorMet, AfterMeeting).Unwrap()
            .RecordAttendance(Pair, Junior, juniorMet, AfterMeeting.AddHours(1)).Unwrap();

        Assert.Equal(expected, checkIn.Status);
        Assert.Equal(AfterMeeting, checkIn.ResolvedAt);
        Assert.True(checkIn.HasAnswered(Senior) && checkIn.HasAnswered(Junior));
    }

    [Fact]
    public void AddAgendaTopic_EitherPerson_TopicsKeptInOrder()
    {
        var checkIn = Scheduled()
            .AddAgendaTopic(Pair, Senior, "  How do you research customers on TikTok?  ", Now).Unwrap()
            .AddAgendaTopic(Pair, Junior, "Who to involve in a budget decision", Now).Unwrap();

        Assert.Equal(["How do you research customers on TikTok?", "Who to involve in a budget decision"], checkIn.Agenda.Select(t => t.Text));
        Assert.Equal([Senior, Junior], checkIn.Agenda.Select(t => t.AddedBy));
    }

    [Theory]
    [InlineData("   ", CheckInError.EmptyText)]
    [InlineData(null, CheckInError.TextTooLong)]
    public void AddAgendaTopic_BadText_TypedError(string? text, CheckInError error)
    {
        var result = Scheduled().AddAgendaTopic(Pair, Senior, text ?? new string('x', CheckIn.MaxTopicLength + 1), Now);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void CheckInTexts_AtAndOverTheirDocumentedLimits_AreTakenAndThenRefused()
    {
        var held = Scheduled().RecordAttendance(Pair, Junior, met: true, AfterMeeting).Unwrap();
        string Of(FreeTextField field, int extra = 0) => new('x', TextLimits.MaxLength(field) + extra);

        Assert.Equal(300, CheckIn.MaxTopicLength);
        Assert.Equal(Of(FreeTextField.AgendaTopic), Scheduled().AddAgendaTopic(Pair, Senior, Of(FreeTextField.AgendaTopic), Now).Unwrap().Agenda[0].Text);
        Assert.Equal(CheckInError.TextTooLong, Scheduled().AddAgendaTopic(Pair, Senior, Of(FreeTextField.AgendaTopic, 1), Now).Error);
        Assert.Equal(Of(FreeTextField.FeedbackAnswer), held.RecordOneThingToTry(Pair, Senior, Of(FreeTextField.FeedbackAnswer)).Unwrap().OneThingToTry);
        Assert.Equal(CheckInError.TextTooLong, held.RecordOneThingToTry(Pair, Senior, Of(FreeTextField.FeedbackAnswer, 1)).Error);
        Assert.Equal(Of(FreeTextField.SharedNote), held.RecordNotes(Pair, Senior, Of(FreeTextField.SharedNote)).Unwrap().Notes);
        Assert.Equal(CheckInError.TextTooLong, held.RecordNotes(Pair, Senior, Of(FreeTextField.SharedNote, 1)).Error);
    }

    [Fact]
    public void AddAgendaTopic_TenAlready_AgendaFull()
    {
        var full = Enumerable.Range(1, CheckIn.MaxTopics).Aggregate(Scheduled(), (c, i) => c.AddAgendaTopic(Pair, Junior, $"Topic {i}", Now).Unwrap());

        Assert.Equal(CheckInError.AgendaFull, full.AddAgendaTopic(Pair, Junior, "One more", Now).Error);
    }

    [Fact]
    public void RecordOneThingToTry_Junior_OnlySenior()
    {
        var held = Scheduled().RecordAttendance(Pair, Junior, met: true, AfterMeeting).Unwrap();

        Assert.Equal(CheckInError.OnlySenior, held.RecordOneThingToTry(Pair, Junior, "Post one short video").Error);
        Assert.Equal("Post one short video", held.RecordOneThingToTry(Pair, Senior, "Post one short video").Unwrap().OneThingToTry);
    }

    [Fact]
    public void RecordNotes_BothPeople_SecondIsAppendedNotOverwritten_TooLongRefused()
    {
        var held = Scheduled().RecordAttendance(Pair, Junior, met: true, AfterMeeting).Unwrap();

        var both = held.RecordNotes(Pair, Junior, "Slides shared").Unwrap().RecordNotes(Pair, Senior, "Measures next").Unwrap();

        Assert.Equal("Slides shared\n\nMeasures next", both.Notes);
        Assert.Equal(CheckInError.TextTooLong, both.RecordNotes(Pair, Senior, new string('x', CheckIn.MaxNotesLength - 10)).Error);
        // Each note fits its own limit; the appended notes together have a larger one.
        var note = new string('x', TextLimits.MaxLength(FreeTextField.SharedNote));
        var full = Enumerable.Range(0, 3).Aggregate(both, (c, _) => c.RecordNotes(Pair, Senior, note).Unwrap());
        Assert.Equal(CheckInError.TextTooLong, full.RecordNotes(Pair, Senior, note).Error);
        Assert.Equal(CheckInError.NotAParticipant, held.RecordNotes(Pair, new UserId("stranger"), "Hi").Error);
    }

    [Fact]
    public void PostponeThanks_OnceThenAlreadyPostponed_JuniorOrThankedOrNotHeldRefused()
    {
        var held = Scheduled().RecordAttendance(Pair, Junior, met: true, AfterMeeting).Unwrap();
        var remindAt = AfterMeeting.AddDays(1);

        var postponed = held.PostponeThanks(Pair, Senior, remindAt).Unwrap();

        Assert.Equal(remindAt, postponed.ThanksRemindAt);
        Assert.Equal(CheckInError.AlreadyPostponed, postponed.PostponeThanks(Pair, Senior, remindAt.AddDays(1)).Error);
        Assert.Equal(CheckInError.OnlySenior, held.PostponeThanks(Pair, Junior, remindAt).Error);
        Assert.Equal(CheckInError.NotHeld, Scheduled().PostponeThanks(Pair, Senior, remindAt).Error);
        Assert.Equal(CheckInError.AlreadyThanked, held.RecordThanks(Pair, Senior, AfterMeeting).Unwrap().PostponeThanks(Pair, Senior, remindAt).Error);
    }

    [Fact]
    public void RecordThanks_NotHeld_NotHeld()
    {
        Assert.Equal(CheckInError.NotHeld, Scheduled().RecordThanks(Pair, Senior, AfterMeeting).Error);
    }

    [Fact]
    public void AnyCommand_CheckInOfAnotherMentorship_WrongMentorship()
    {
        var other = Pair with { Id = new MentorshipId("m-2") };

        Assert.Equal(CheckInError.WrongMentorship, Scheduled().AddAgendaTopic(other, Senior, "x", Now).Error);
    }

    private static CheckIn Proposed() => CheckIn.Propose(new CheckInId("ci-1"), Pair, 1, [Slot], Now).Unwrap();

    private static CheckIn Scheduled() => Proposed().Schedule(Slot).Unwrap();
}
