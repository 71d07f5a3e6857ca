using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Programs;
using MentorBot.Bot.Turns;
using MentorBot.Core;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Joining and leaving a program from chat. Consent comes first: a consent card says what taking part means, and
/// only the person's own "Join" records it; until then nobody in the program is matched with them.
/// </summary>
public sealed class ProgramMembershipFlow(ProgramMembership membership, SessionFlow? sessions = null)
{
    /// <summary>"join program", and after a first profile: one consent card per program the person could join.</summary>
    public async Task OfferAsync(ITurnContext turnContext, TurnPerson person, bool quietWhenNothing, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var joinable = await membership.JoinableAsync(person.Id, person.Tenant, cancellationToken);
        if (joinable.Count == 0)
        {
            if (!quietWhenNothing)
            {
                var member = await membership.MembershipsAsync(person.Id, cancellationToken);
                await turnContext.SendActivityAsync(
                    member.Count > 0 ? t.Format("Program.AlreadyMember", string.Join(", ", member.Select(p => p.Name))) : t["Program.NothingToJoin"],
                    cancellationToken);
            }

            return;
        }

        foreach (var program in joinable)
        {
            await Replies.SendCardAsync(
                turnContext,
                ProgramConsentCard.Build(new ProgramConsentView(program.Id.Value, program.Name, program.Goals.Purpose), person.Culture),
                cancellationToken);
        }
    }

    public async Task JoinAsync(ITurnContext turnContext, TurnPerson person, JoinProgramData join, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var notice = await membership.JoinAsync(new ProgramId(join.ProgramId), person.Id, person.Tenant, cancellationToken) switch
        {
            (MembershipChange.Joined, { Name: var name }) => new NoticeView(t.Format("Program.JoinedTitle", name), t.Format("Program.JoinedText", name)),
            (MembershipChange.AlreadyMember, { Name: var name }) => new NoticeView(t.Format("Program.JoinedTitle", name), t.Format("Program.AlreadyMember", name)),
            (MembershipChange.ProgramEnded, { Name: var name }) => new NoticeView(t["Program.EndedTitle"], t.Format("Program.Ended", name)),
            (MembershipChange.ProgramPaused, { Name: var name }) => new NoticeView(
                new ProgramTexts(person.Culture).Format("Join.PausedTitle", name), new ProgramTexts(person.Culture).Format("Join.Paused", name)),
            _ => new NoticeView(t["Program.NotNowTitle"], t["Program.Gone"]),
        };
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(notice), cancellationToken);
    }

    public async Task NotNowAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Program.NotNowTitle"], t["Program.NotNowText"])), cancellationToken);
    }

    /// <summary>"leave program": drops the consent for every program the person is in.</summary>
    public async Task LeaveAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var member = await membership.MembershipsAsync(person.Id, cancellationToken);
        if (member.Count == 0)
        {
            await turnContext.SendActivityAsync(t["Program.NotInAny"], cancellationToken);
            return;
        }

        foreach (var program in member)
        {
            await membership.LeaveAsync(program.Id, person.Id, cancellationToken);
            if (sessions is not null)
            {
                // Sessions they host in it and that have not begun are cancelled, with a kind word to those signed up (decision 0470).
                await sessions.HostLeftProgramAsync(person, program.Id, cancellationToken);
            }
        }

        await turnContext.SendActivityAsync(t.Format("Program.LeftText", string.Join(", ", member.Select(p => p.Name))), cancellationToken);
    }
}
