using MentorBot.Bot.Cards.Actions;
using MentorBot.Core.Requests;

namespace MentorBot.E2E.Faults;

/// <summary>What people do before the faults start: set up profiles on the card and ask for help, through the bot.</summary>
internal static class Onboarding
{
    public static async Task JoinAsJuniorAsync(this FaultRig rig, FaultPerson junior)
    {
        await rig.PostOkAsync(rig.Execute(junior, CardVerbs.SetUpProfile));
        await rig.PostOkAsync(rig.Execute(junior, CardVerbs.SaveProfile, Form(junior, "teach", new Dictionary<string, string>
        {
            [SaveProfileData.OfferSkillInput(0)] = "power-bi",
            [SaveProfileData.OfferLevelInput(0)] = "4",
            [SaveProfileData.CapacityInput] = "3",
        })));
    }

    public static async Task JoinAsSeniorAsync(this FaultRig rig, FaultPerson senior)
    {
        await rig.PostOkAsync(rig.Execute(senior, CardVerbs.SetUpProfile));
        await rig.PostOkAsync(rig.Execute(senior, CardVerbs.SaveProfile, Form(senior, "learn", new Dictionary<string, string>
        {
            [SaveProfileData.WantSkillInput(0)] = "power-bi",
            [SaveProfileData.WantCurrentInput(0)] = "1",
            [SaveProfileData.WantTargetInput(0)] = "3",
            [SaveProfileData.OfferSkillInput(0)] = "stakeholder-management",
            [SaveProfileData.OfferLevelInput(0)] = "4",
        })));
    }

    /// <summary>The senior asks in free text, fills the request card and lets MentorBot choose; returns the request.</summary>
    public static async Task<MentoringRequest> AskForPowerBiAsync(this FaultRig rig, FaultPerson senior)
    {
        await rig.PostOkAsync(rig.Message(senior, "can someone help me with Power BI?"));
        await rig.PostOkAsync(rig.Execute(senior, CardVerbs.AskForHelp, new Dictionary<string, string>
        {
            [AskForHelpData.SkillInput] = "power-bi",
            [AskForHelpData.GoalInput] = "Build a dashboard for my team's pipeline",
            [AskForHelpData.FormatInput] = MeetingFormats.Call30,
            [AskForHelpData.UrgencyInput] = Urgencies.ThisMonth,
        }));
        var request = Assert.Single(await rig.Requests.ListBySeniorAsync(senior.Id, CancellationToken.None));
        await rig.PostOkAsync(rig.Execute(senior, CardVerbs.LetMentorBotChoose, new LetMentorBotChooseData(request.Id.Value, 0)));
        var offered = (await rig.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.True(offered.PendingOffer is not null, $"{senior.Name}'s request was not offered to anyone: {offered.Status}");
        return offered;
    }

    private static Dictionary<string, object> Form(FaultPerson person, string role, Dictionary<string, string> skills)
    {
        var form = new Dictionary<string, object>
        {
            ["isEdit"] = false,
            [SaveProfileData.RoleInput] = role,
            [SaveProfileData.DepartmentInput] = person.Number % 2 == 0 ? "Sales" : "Finance",
            [SaveProfileData.TimeZoneInput] = "Europe/London",
            [SaveProfileData.HoursStartInput] = "09:00",
            [SaveProfileData.HoursEndInput] = "17:00",
            [SaveProfileData.DaysInput] = "mon,tue,wed,thu,fri",
            [SaveProfileData.LanguagesInput] = "en",
        };
        foreach (var (key, value) in skills)
        {
            form[key] = value;
        }

        return form;
    }
}
