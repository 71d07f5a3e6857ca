using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Cards.Programs;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>Every builder with representative views: each entry is one golden file and one validated card.</summary>
internal static class CardSamples
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly ChoiceOption[] Catalog =
    [
        new("AI tools (ChatGPT, Copilot)", "ai-tools"),
        new("TikTok and short video", "tiktok"),
        new("Instagram", "instagram"),
        new("LinkedIn presence", "linkedin"),
        new("Power BI", "power-bi"),
        new("Excel", "excel"),
        new("Gen Z customers", "gen-z-customers"),
        new("Hybrid working", "hybrid-working"),
        new("Stakeholder management", "stakeholder-management"),
        new("How the business makes money", "business-model"),
        new("Company culture and unwritten rules", "company-culture"),
        new("Presenting to leadership", "presenting"),
        new("Negotiation", "negotiation"),
        new("Career navigation", "career-navigation"),
        new("Budgeting", "budgeting"),
        new("Diversity, equity and inclusion", "dei"),
    ];

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Every sample in English, and again in Swedish as "{name}.sv" (the view data stays the same test data).</summary>
    public static IReadOnlyDictionary<string, AdaptiveCard> All { get; } = Build(English)
        .Concat(Build(Swedish).Select(card => KeyValuePair.Create(card.Key + ".sv", card.Value)))
        .Append(KeyValuePair.Create("Model.EveryElement", EveryElement()))
        .ToDictionary();

    /// <summary>The Swedish samples' names.</summary>
    public static IEnumerable<string> SwedishNames => All.Keys.Where(name => name.EndsWith(".sv", StringComparison.Ordinal));

    public static IEnumerable<object[]> Names => All.Keys.Select(name => new object[] { name });

    private static Dictionary<string, AdaptiveCard> Build(CultureInfo culture) => new()
    {
        ["Welcome"] = WelcomeCard.Build(new WelcomeView("Sam"), culture),
        ["Welcome.NoName"] = WelcomeCard.Build(new WelcomeView(null), culture),
        ["ProfileForm.New"] = ProfileFormCard.Build(
            new ProfileFormView(
                IsEdit: false,
                Role: null,
                Department: null,
                TimeZoneId: "Europe/Stockholm",
                TimeZoneChoices: [new("Stockholm (Europe/Stockholm)", "Europe/Stockholm"), new("London (Europe/London)", "Europe/London"), new("New York (America/New_York)", "America/New_York")],
                HoursStart: new TimeOnly(9, 0),
                HoursEnd: new TimeOnly(17, 0),
                Days: [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
                SkillCatalog: Catalog,
                Offers: [],
                Wants: [],
                Languages: null,
                Capacity: 1),
            culture),
        ["ProfileForm.Edit"] = ProfileFormCard.Build(
            new ProfileFormView(
                IsEdit: true,
                Role: ProfileFormCard.RoleBoth,
                Department: "Customer Insights",
                TimeZoneId: "America/New_York",
                TimeZoneChoices: [new("New York (America/New_York)", "America/New_York"), new("Chicago (America/Chicago)", "America/Chicago")],
                HoursStart: new TimeOnly(8, 30),
                HoursEnd: new TimeOnly(16, 30),
                Days: [DayOfWeek.Tuesday, DayOfWeek.Thursday],
                SkillCatalog: Catalog,
                Offers: [new("tiktok", 4, null), new("ai-tools", 3, null)],
                Wants: [new("stakeholder-management", 1, 3), new("business-model", 2, 3), new("presenting", 1, 2)],
                Languages: "culture, Spanish",
                Capacity: 2),
            culture),
        ["ProfileForm.Directory"] = ProfileFormCard.Build(
            new ProfileFormView(
                IsEdit: true,
                Role: ProfileFormCard.RoleBoth,
                Department: "Growth",
                TimeZoneId: "Europe/Stockholm",
                TimeZoneChoices: [new("Europe/Stockholm", "Europe/Stockholm"), new("Europe/Berlin", "Europe/Berlin")],
                HoursStart: new TimeOnly(8, 0),
                HoursEnd: new TimeOnly(16, 0),
                Days: [DayOfWeek.Monday, DayOfWeek.Wednesday],
                SkillCatalog: Catalog,
                Offers: [new("tiktok", 4, null)],
                Wants: [new("business-model", 1, 3)],
                Languages: "sv, en",
                Capacity: 1)
            {
                Directory = new ProfileDirectoryView("Marketing", "Analyst", "Stockholm HQ", null, HasManager: true, "Europe/Berlin", "sv-SE"),
            },
            culture),
        ["SkillChoice"] = SkillChoiceCard.Build(
            new SkillChoiceView("tik tok ads", [new("TikTok and short video", "tiktok"), new("Instagram", "instagram")]),
            culture),
        ["AskForHelp"] = AskForHelpCard.Build(new AskForHelpView(Catalog, "tiktok", null), culture),
        ["Candidates"] = CandidatesCard.Build(
            new CandidatesView(
                "req-42",
                3,
                "TikTok and short video",
                [
                    new("u-alex", "Alex Kim", "Marketing",
                    [
                        new("Skill", "Expert in TikTok and short video"),
                        new("Time", "Free Tue and Thu mornings, in your hours"),
                        new("Two-way", "Would like to learn stakeholder management, which you share"),
                    ],
                    LearnsBack: true),
                    new("u-jo", "Jo Rivera", "Sales",
                    [
                        new("Skill", "Confident with TikTok"),
                        new("Time", "Free most afternoons"),
                    ]),
                    new("u-mia", "Mia Chen", null,
                    [
                        new("Skill", "Confident with TikTok"),
                        new("Two-way", "Would like to learn budgeting"),
                    ],
                    LearnsBack: true),
                ]),
            culture),
        ["MentoringRequest"] = MentoringRequestCard.Build(
            new MentoringRequestView(
                "req-42",
                3,
                "Pat Morgan",
                "VP Customer Experience",
                "TikTok and short video",
                "Understand how our younger customers use TikTok to choose products",
                "A 30-minute call",
                "About 30 minutes every 2 weeks, for 3 months",
                "Stakeholder management and how budgets get decided",
                "Fri 27 Nov",
                ["29:junior-alex"]),
            culture),
        ["RequestStatus.Accepted"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.AcceptedByYou, "Pat Morgan", "TikTok and short video"), culture),
        ["RequestStatus.MatchedElsewhere"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.MatchedWithSomeoneElse, "Pat Morgan", "TikTok and short video"), culture),
        ["RequestStatus.Declined"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.DeclinedByYou, "Pat Morgan", "TikTok and short video"), culture),
        ["RequestStatus.Withdrawn"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.Withdrawn, "Pat Morgan", "TikTok and short video"), culture),
        ["RequestStatus.Expired"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.Expired, "Pat Morgan", "TikTok and short video"), culture),
        ["RequestStatus.Paired"] = RequestStatusCard.Build(new RequestStatusView(RequestStatus.PairedForYou, "Sam Rivera", "Power BI"), culture),
        ["SeniorUpdate.OfferSent"] = SeniorUpdateCard.Build(
            new SeniorUpdateView(SeniorUpdateKind.OfferSent, "req-42", 3, "tiktok", "TikTok and short video", CandidateName: "Alex Kim"),
            culture),
        ["SeniorUpdate.AskingNext"] = SeniorUpdateCard.Build(
            new SeniorUpdateView(SeniorUpdateKind.DeclinedAskingNext, "req-42", 4, "tiktok", "TikTok and short video", CandidateName: "Alex Kim", NextCandidateName: "Jo Rivera"),
            culture),
        ["SeniorUpdate.NoneLeft"] = SeniorUpdateCard.Build(
            new SeniorUpdateView(
                SeniorUpdateKind.NoCandidatesLeft,
                "req-42",
                5,
                "tiktok",
                "TikTok and short video",
                Why: "The three people who know TikTok well are busy until January.",
                Suggestions: ["Ask for Instagram instead: two people are free", "Allow meetings outside your working hours", "Try again in January"]),
            culture),
        ["PairingIntro.Senior"] = PairingIntroCard.Build(
            new PairingIntroView(
                "pair-7",
                "Alex Kim",
                "Marketing Associate",
                "TikTok and short video",
                "stakeholder management",
                ["What Pat hopes to do with TikTok, in one sentence", "Alex shows three accounts our customers follow", "Agree how often to meet and one thing to try before next time"],
                "Tue, Thu 10:00–12:00, your time",
                45),
            culture),
        ["PairingIntro.Junior"] = PairingIntroCard.Build(
            new PairingIntroView(
                "pair-7",
                "Pat Morgan",
                "VP Customer Experience",
                "stakeholder management",
                "TikTok and short video",
                ["What Pat hopes to do with TikTok, in one sentence", "Alex shows three accounts our customers follow", "Agree how often to meet and one thing to try before next time"],
                null),
            culture),
        ["Help"] = HelpCard.Build(new HelpView(IsPaused: false), culture),
        ["Help.Paused"] = HelpCard.Build(new HelpView(IsPaused: true), culture),
        ["MyMentoring"] = MyMentoringCard.Build(
            new MyMentoringView(
                [
                    new("req-42", 3, "TikTok and short video", "Waiting for Alex's answer", CanWithdraw: true),
                    new("req-17", 2, "Excel", "Closed", CanWithdraw: false),
                ],
                [new("pair-7", "Alex Kim", "TikTok and short video", "Active since 2 Nov", "Tue 24 Nov, 10:00")]),
            culture),
        ["MyMentoring.Empty"] = MyMentoringCard.Build(new MyMentoringView([], []), culture),
        ["Confirm.ForgetMe"] = ConfirmCard.ForgetMe(
            new ForgetMeView(["Your profile and skills", "1 open request", "Your pairing with Alex Kim (Alex will get a friendly note that it ended)", "Check-in notes and feedback you wrote"]),
            culture),
        ["Confirm.EndPairing"] = ConfirmCard.EndPairing(new EndPairingView("pair-7", "Alex Kim"), culture),
        ["Notice.Paused"] = NoticeCard.Paused(new PausedView("Mon 4 Jan"), culture),
        ["Notice.Resumed"] = NoticeCard.Resumed(culture),
        ["RoundPreview"] = RoundPreviewCard.Build(
            new RoundPreviewView(
                "pilot",
                "Leadership learns short video",
                "round-0193f0c2",
                [
                    new("Sam Senior", "Jo Junior", "Power BI", ["Power BI: expert vs. their aware", "wants to learn Stakeholder management, which they offer", "6 h a week in shared working hours"]),
                    new("Alex Director", "Kim Young", "TikTok and short video", ["TikTok and short video: expert, and new to them", "different department (Data)"]),
                ],
                [new("Lee Newman", "Stakeholder management", "The one person who could help was paired with someone they fit better this round.")],
                [new("Robin Analyst", "nobody in this round asked for what they offer")]),
            culture),
        ["RoundPreview.Empty"] = RoundPreviewCard.Build(new RoundPreviewView("pilot", "Pilot", "round-1", [], [], []), culture),
        ["FriendlyError.Stale"] = FriendlyErrorCard.Build(new FriendlyErrorView(FriendlyErrorKind.StaleAction), culture),
        ["FriendlyError.Unknown"] = FriendlyErrorCard.For(new UnknownCardAction("old.verb", UnknownCardActionReason.MissingVerb), culture),
        ["FriendlyError.Wrong"] = FriendlyErrorCard.Build(new FriendlyErrorView(FriendlyErrorKind.SomethingWentWrong, "7f3a9c"), culture),
        ["SlotPicker"] = SlotPickerCard.Build(
            new SlotPickerView(
                "pair-7",
                "prop-1",
                "Alex Kim",
                "30 minutes",
                "Stockholm",
                [
                    new("2026-11-24T09:00:00Z", "Tue 24 Nov, 10:00–10:30"),
                    new("2026-11-26T13:00:00Z", "Thu 26 Nov, 14:00–14:30"),
                    new("2026-11-27T08:30:00Z", "Fri 27 Nov, 09:30–10:00"),
                ]),
            culture),
        ["SlotPicker.Suggested"] = SlotPickerCard.Build(
            new SlotPickerView(
                "pair-7",
                "prop-1",
                "Alex Kim",
                "30 minutes",
                "Stockholm",
                [new("2026-11-26T09:00:00Z", "Thu 26 Nov, 10:00–10:30")],
                new SuggestedTimeView("Mornings are best for me")),
            culture),
        ["CheckInScheduled"] = CheckInScheduledCard.Build(
            new CheckInScheduledView(
                "ci-3",
                1,
                "Alex Kim",
                "Tue 24 Nov, 10:00–10:30 (Stockholm)",
                "Tue 24 Nov, 04:00–04:30 (New York)",
                new Uri("https://mentorbot.contoso.example/calendar/ci-3.ics"),
                new Uri("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0")),
            culture),
        ["CheckInScheduled.NoJoinLink"] = CheckInScheduledCard.Build(
            new CheckInScheduledView("ci-3", 1, "Alex Kim", "Tue 24 Nov, 10:00–10:30", null, new Uri("https://mentorbot.contoso.example/calendar/ci-3.ics"), null),
            culture),
        ["Agenda"] = AgendaCard.Build(
            new AgendaView(
                "ci-3",
                "Alex Kim",
                "Tue 24 Nov, 10:00–10:30",
                [new("Which creators our customers follow", "Alex"), new("How to brief the agency", "Pat")],
                "Alex showed the analytics tab; Pat explained how the quarterly budget is set.",
                "Post one short video on the team's internal channel",
                "Pat"),
            culture),
        ["Agenda.First"] = AgendaCard.Build(new AgendaView("ci-1", "Alex Kim", "Tue 10 Nov, 10:00–10:30", [], null, null, null), culture),
        ["StartingSoon"] = StartingSoonCard.Build(
            new StartingSoonView("ci-3", 1, "Alex Kim", "10:00 (in 15 minutes)", new Uri("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"), "Which creators our customers follow"),
            culture),
        ["Feedback"] = FeedbackCard.Build(new FeedbackView("ci-3", "pair-7", "Alex Kim", "TikTok and short video"), culture),
        ["Feedback.Senior"] = FeedbackCard.Build(new FeedbackView("ci-3", "pair-7", "Alex Kim", "TikTok and short video", ForSenior: true), culture),
        ["Feedback.SafeguardContact"] = FeedbackCard.Build(
            new FeedbackView("ci-3", "pair-7", "Alex Kim", "TikTok and short video", ConcernReaders: Core.Programs.ConcernReaderRole.SafeguardContacts), culture),
        ["ManagerThanks"] = ManagerThanksCard.Build(
            new ManagerThanksView("Pat Morgan", "Alex Kim", "TikTok and short video", "Alex, you made TikTok make sense to me. Thank you!"), culture),
        ["ThankYouPrompt"] = ThankYouPromptCard.Build(new ThankYouPromptView("pair-7", "Alex Kim", "TikTok and short video", ManagerCcAllowed: true), culture),
        ["ThankYouPrompt.NoCc"] = ThankYouPromptCard.Build(new ThankYouPromptView("pair-7", "Alex Kim", "TikTok and short video", ManagerCcAllowed: false), culture),
        ["ThankYou"] = ThankYouCard.Build(
            new ThankYouView("Pat Morgan", "TikTok and short video", "Alex, you made TikTok make sense to me. I'm briefing the agency differently now. Thank you!", ManagerCopied: true),
            culture),
        ["InactivityNudge"] = InactivityNudgeCard.Build(new InactivityNudgeView("pair-7", "Alex Kim", "TikTok and short video", "3 weeks"), culture),
        ["InactivityNudge.NotMet"] = InactivityNudgeCard.Build(new InactivityNudgeView("pair-7", "Alex Kim", "TikTok and short video", null), culture),
        ["EndOfPeriod"] = EndOfPeriodCard.Build(new EndOfPeriodView("pair-7", "Alex Kim", "TikTok and short video", "3 months"), culture),
        ["EndOfPeriodLearner"] = EndOfPeriodCard.Build(new EndOfPeriodView("pair-7", "Alex Kim", "TikTok and short video", "3 months") { AskLevel = true }, culture),
        ["Cadence"] = CadenceCard.Build(new CadenceView("pair-7", "Alex Kim", 2, 30), culture),
        ["ProgramStatus"] = ProgramStatusCard.Build(
            new ProgramStatusView(
                "Pilot cohort", "12", "14 matched, 3 waiting", "17 held of 20 planned in the last 4 weeks", "6.5 days", "4.3 out of 5 (November)",
                "hidden (fewer than 5 people)", "Negotiation, Storytelling", "1", new Uri("https://mentorbot.contoso.com/programs/pilot")),
            culture),
        ["ProgramStatus.NoLink"] = ProgramStatusCard.Build(
            new ProgramStatusView("Pilot cohort", "hidden (fewer than 5 people)", "hidden (fewer than 5 people)", "0 held of 0 planned in the last 4 weeks", "no pair has met yet", "no ratings yet", "0", "none", "0", null),
            culture),
        ["ProgramConsent"] = ProgramConsentCard.Build(
            new ProgramConsentView("pilot", "Pilot cohort", "Leaders learn data tools; juniors learn how the business works"), culture),
    };

    // Model types no builder uses yet still have to produce JSON the library accepts.
    private static AdaptiveCard EveryElement() => AdaptiveCard.Create(
        [
            new TextBlock("Heading") { Style = TextBlockStyle.Heading, Size = TextSize.ExtraLarge, Color = TextColor.Accent },
            new RichTextBlock([new TextRun("plain "), new TextRun("italic") { Italic = true, Weight = TextWeight.Bolder, Color = TextColor.Good }]),
            new Image(
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
                "A dot")
            { Size = ImageSize.Small, Style = ImageStyle.Person },
            new Container([new FactSet([new("Fact", "Value")])]) { Id = "details", IsVisible = false, Style = ContainerStyle.Accent },
            new ColumnSet([new Column([new TextBlock("Left")]) { Width = "auto", VerticalContentAlignment = VerticalAlignment.Center }, new Column([new TextBlock("Right")]) { Width = "40px" }])
            {
                Separator = true,
                Spacing = Spacing.ExtraLarge,
            },
            new TextInput { Id = "text", Label = "Text", IsRequired = true, ErrorMessage = "Required", MaxLength = 10, IsMultiline = true, Placeholder = "…" },
            new ChoiceSetInput([new("A", "a"), new("B", "b")]) { Id = "choices", IsMultiSelect = true, Style = ChoiceInputStyle.Expanded, Value = "a,b", Wrap = true },
            new NumberInput { Id = "number", Label = "Number", Min = 1, Max = 5, Value = 3, Placeholder = "1–5" },
            new DateInput { Id = "date", Label = "Date", Min = "2026-01-01", Max = "2026-12-31", Value = "2026-11-24" },
            new TimeInput { Id = "time", Label = "Time", Min = "08:00", Max = "18:00", Value = "10:30" },
            new ToggleInput("Toggle") { Id = "toggle", Value = "on", ValueOn = "on", ValueOff = "off" },
            new ActionSet([new ToggleVisibilityAction("Details", ["details"]), new OpenUrlAction("Open", new Uri("https://example.com/"))]),
        ],
        [new SubmitAction("Submit", new ShowHelpData()) { AssociatedInputs = AssociatedInputs.Auto, Tooltip = "Send" }],
        fallbackText: "Every element");
}
