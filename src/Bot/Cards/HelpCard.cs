using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="IsPaused">Offers "resume" instead of "pause".</param>
public sealed record HelpView(bool IsPaused);

public static class HelpCard
{
    public static AdaptiveCard Build(HelpView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return AdaptiveCard.Create(
            [
                Heading(t["Help.Title"]),
                Text(t["Help.Intro"]),
                new FactSet(
                [
                    new(t["Help.CmdAsk"], t["Help.CmdAskText"]),
                    new(t["Help.CmdProfile"], t["Help.CmdProfileText"]),
                    new(t["Help.CmdMine"], t["Help.CmdMineText"]),
                    view.IsPaused ? new(t["Help.CmdResume"], t["Help.CmdResumeText"]) : new(t["Help.CmdPause"], t["Help.CmdPauseText"]),
                    new(t["Help.CmdProgram"], t["Help.CmdProgramText"]),
                    new(t["Help.CmdForget"], t["Help.CmdForgetText"]),
                    new(t["Help.CmdHelp"], t["Help.CmdHelpText"]),
                ]),
                Subtle(t["Help.Privacy"]),
            ],
            [
                Execute(t["Common.AskForHelp"], new StartAskForHelpData()),
                Execute(t["Common.EditProfile"], new EditProfileData()),
                Execute(t["Common.MyMentoring"], new ShowMyMentoringData()),
                view.IsPaused
                    ? Execute(t["Common.Resume"], new ResumeParticipationData())
                    : Execute(t["Common.Pause"], new PauseParticipationData()),
            ],
            fallbackText: t["Help.Title"]);
    }
}
