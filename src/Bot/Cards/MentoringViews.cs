using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Core.CheckIns;
using MentorBot.Core;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using MentorBot.Bot.Flows;
using MentorBot.Core.Programs;
using MentorBot.Core.Outbox;
using CardRequestStatus = MentorBot.Bot.Cards.RequestStatus;
using CoreRequestStatus = MentorBot.Core.Requests.RequestStatus;

namespace MentorBot.Bot.Cards;

/// <summary>Whom a card is for: their language and their time zone (a card never looks anything up itself).</summary>
public sealed record Audience(CultureInfo Culture, DateTimeZone Zone)
{
    public static Audience For(CultureInfo culture, string? timeZoneId) =>
        new(culture, timeZoneId is not null && TimeZoneIds.TryNormalize(timeZoneId, out var iana) && TimeZoneIds.Find(iana) is { } zone ? zone : DateTimeZone.Utc);

    public CardTexts Texts => new(Culture);

    public string FormatDateTime(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Zone).LocalDateTime;
        return LocalDateTimePattern.Create("ddd d MMM, HH:mm", Culture).Format(local);
    }

    public string FormatDate(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Zone).Date;
        return LocalDatePattern.Create("dddd d MMMM", Culture).Format(local);
    }
}

/// <summary>
/// Core records → card views, worded and formatted for the person who will read them. Card versions are the number
/// of offers a request has had: every new offer moves it on, so a candidates card from before that is stale.
/// </summary>
public sealed class MentoringViews(SkillCatalog catalog, IOptions<CheckInOptions> checkIns, TenantSkillCatalogs? tenants = null)
{
    public static int VersionOf(MentoringRequest request) => request.Offers.Count;

    /// <summary>
    /// The skill's name in the reader's language (skills.json <c>localized</c>); without a culture, the catalog's
    /// English name. A skill an owner added to their tenant's catalog (decision 0450) has the name the owner gave it.
    /// The id stays the key whatever the language.
    /// </summary>
    public string SkillName(SkillId skill, CultureInfo? culture = null) =>
        catalog.Contains(skill) ? catalog.NameIn(skill, culture ?? CultureInfo.InvariantCulture) : tenants?.NameOfAnyTenant(skill) ?? catalog.NameOf(skill);

    /// <summary>Match reasons and "why nobody" in the reader's language (decision 0381).</summary>
    public MatchWording Wording(CardTexts t) => new(t, skill => SkillName(skill, t.Culture));

    /// <summary>Every built-in catalog skill, named and sorted in the reader's language.</summary>
    public IReadOnlyList<ChoiceOption> SkillChoices(CultureInfo? culture = null) => SkillChoices(catalog, culture);

    /// <summary>A tenant's offered skills (decision 0450), named and sorted in the reader's language.</summary>
    public IReadOnlyList<ChoiceOption> SkillChoices(SkillCatalog offered, CultureInfo? culture = null)
    {
        var reader = culture ?? CultureInfo.InvariantCulture;
        return [.. offered.Skills
            .Select(s => new ChoiceOption(s.NameIn(reader), s.Id.Value))
            .OrderBy(o => o.Title, StringComparer.Create(reader, ignoreCase: true))];
    }

    public CandidatesView Candidates(MentoringRequest request, IReadOnlyList<RankedCandidate> candidates, CardTexts t) => new(
        request.Id.Value,
        VersionOf(request),
        SkillName(request.Skill, t.Culture),
        [.. candidates.Take(CandidatesCard.MaxCandidates).Select(c => new CandidateView(
            c.Mentor.Id.AadObjectId,
            c.Mentor.DisplayName,
            c.Mentor.Department,
            [.. c.Reasons.Select(f => new MatchReasonView(FactorLabel(f.Factor, t), Wording(t).Factor(f)))],
            c.Reasons.Any(f => f.Factor == MatchFactor.Reciprocity)))]);

    /// <param name="program">The request's program, whose meeting rhythm and term the card states (decision 0440);
    /// null = the configured defaults for the request's program id, else the tenant's.</param>
    public MentoringRequestView Offer(RequestOffered offer, Audience audience, MentoringProgram? program = null)
    {
        var t = audience.Texts;
        var request = offer.Request;
        var configured = checkIns.Value.CadenceFor(request.Program);
        var cadence = program is null
            ? configured
            : new CadenceOptions { Interval = TimeSpan.FromDays(7 * program.Meetings.EveryWeeks), MeetingLength = program.Meetings.Length, TermMonths = program.TermMonths };
        var interval = (int)cadence.Interval.TotalDays;
        var every = interval == 7 ? t["Flow.EveryWeek"]
            : interval % 7 == 0 ? t.Format("Flow.EveryWeeks", interval / 7)
            : t.Format("Flow.EveryDays", interval);
        var inReturn = Wording(t).InReturn(
            offer.Senior.DisplayName, offer.Match.Factors.FirstOrDefault(f => f.Factor == MatchFactor.Reciprocity && f.Contribution > 0)?.Facts.TeachBack);
        return new MentoringRequestView(
            request.Id.Value,
            VersionOf(request),
            offer.Senior.DisplayName,
            offer.Senior.Department,
            SkillName(request.Skill, audience.Culture),
            request.Goal ?? t["Flow.NoGoal"],
            FormatOf(request.Format, t),
            t.Format("Flow.TimeCommitment", (int)cadence.MeetingLength.TotalMinutes, every, cadence.TermMonths),
            inReturn,
            audience.FormatDateTime(offer.AnswerBy),
            HopesToStart: request.Urgency switch
            {
                Urgency.ThisWeek => t["Ask.UrgencyThisWeek"],
                Urgency.ThisMonth => t["Ask.UrgencyThisMonth"],
                _ => t["Ask.UrgencyNoRush"],
            });
    }

    public SeniorUpdateView Progress(RequestProgress progress, string? previousCandidateName, CardTexts t)
    {
        var request = progress.Request;
        var skill = SkillName(request.Skill, t.Culture);
        return progress.Kind switch
        {
            RequestProgressKind.OfferedTo => new SeniorUpdateView(
                SeniorUpdateKind.OfferSent, request.Id.Value, VersionOf(request), request.Skill.Value, skill, progress.Candidate?.DisplayName),
            RequestProgressKind.NewColleagueAsked => new SeniorUpdateView(
                SeniorUpdateKind.OfferSent,
                request.Id.Value,
                VersionOf(request),
                request.Skill.Value,
                skill,
                progress.Candidate?.DisplayName,
                Note: t.Format("Update.WatchFound", progress.Candidate?.DisplayName ?? t["Flow.AColleague"], skill)),
            RequestProgressKind.SuggestedAsked or RequestProgressKind.SuggestedCannotBeAsked or RequestProgressKind.SuggestedNotFound => new SeniorUpdateView(
                SeniorUpdateKind.DeclinedAskingNext,
                request.Id.Value,
                VersionOf(request),
                request.Skill.Value,
                skill,
                previousCandidateName,
                progress.Candidate?.DisplayName,
                Note: progress.Kind switch
                {
                    RequestProgressKind.SuggestedAsked => t.Format("Update.SuggestedAsked", previousCandidateName ?? t["Flow.AColleague"], progress.Candidate?.DisplayName),
                    RequestProgressKind.SuggestedCannotBeAsked => t.Format("Update.SuggestedCannotAsk", previousCandidateName ?? t["Flow.AColleague"], skill),
                    _ => t.Format("Update.SuggestedNotFound", previousCandidateName ?? t["Flow.AColleague"], progress.Typed),
                }),
            RequestProgressKind.DeclinedAskingNext or RequestProgressKind.NoAnswerAskingNext => new SeniorUpdateView(
                SeniorUpdateKind.DeclinedAskingNext,
                request.Id.Value,
                VersionOf(request),
                request.Skill.Value,
                skill,
                previousCandidateName,
                progress.Candidate?.DisplayName),
            _ => new SeniorUpdateView(
                SeniorUpdateKind.NoCandidatesLeft,
                request.Id.Value,
                VersionOf(request),
                request.Skill.Value,
                skill,
                Why: progress.Why is { } why ? Wording(t).Nobody(why) : null,
                Suggestions: DefaultSuggestions(t)),
        };
    }

    public SeniorUpdateView NoneLeft(MentoringRequest request, NoCandidates why, CardTexts t) =>
        NoneLeft(request, Wording(t).Nobody(why.Why), [.. why.Suggestions.Select(s => Suggestion(s, t))], t.Culture);

    public SeniorUpdateView NoneLeft(MentoringRequest request, string why, IReadOnlyList<string> suggestions, CultureInfo? culture = null) => new(
        SeniorUpdateKind.NoCandidatesLeft,
        request.Id.Value,
        VersionOf(request),
        request.Skill.Value,
        SkillName(request.Skill, culture),
        Why: why,
        Suggestions: suggestions);

    public IReadOnlyList<string> DefaultSuggestions(CardTexts t) =>
        [Suggestion(NoCandidatesSuggestion.BroadenSkill, t), Suggestion(NoCandidatesSuggestion.TryLater, t)];

    public RequestStatusView Status(CardRequestStatus status, string otherName, SkillId skill, CultureInfo? culture = null) =>
        new(status, otherName, SkillName(skill, culture));

    /// <summary>The introduction, worded for <paramref name="recipient"/>: what they learn, and what they give back.</summary>
    /// <param name="program">The pair's program: its purpose is stated on the card (decision 0440).</param>
    public PairingIntroView Intro(PairingStarted started, UserId recipient, Audience audience, MentoringProgram? program = null)
    {
        var programTexts = new MentorBot.Bot.Cards.Programs.ProgramTexts(audience.Culture);
        var cadence = started.Mentorship.Cadence;
        var t = audience.Texts;
        var skill = SkillName(started.Mentorship.Skill, audience.Culture);
        var isSenior = recipient == started.Senior.Id;
        var (me, other) = isSenior ? (started.Senior, started.Junior) : (started.Junior, started.Senior);
        var seniorTeaches = started.Senior.Offers
            .Where(o => started.Junior.Wants.Any(w => w.Skill == o.Skill))
            .Select(o => SkillName(o.Skill, audience.Culture))
            .ToList();
        var teachBack = seniorTeaches.Count > 0 ? string.Join(", ", seniorTeaches) : t.Format("Flow.JuniorLearns", started.Senior.DisplayName);
        return new PairingIntroView(
            started.Mentorship.Id.Value,
            other.DisplayName,
            other.Department,
            isSenior ? skill : teachBack,
            isSenior ? teachBack : skill,
            [t["Flow.Agenda1"], t.Format("Flow.Agenda2", isSenior ? me.DisplayName : other.DisplayName), t["Flow.Agenda3"]],
            SharedHours(SharedWorkingHours.Find(started.Senior, started.Junior, started.Mentorship.StartedAt), audience),
            (int)started.Mentorship.Cadence.MeetingLength.TotalMinutes)
        {
            Rhythm = programTexts.Format("Intro.Rhythm", (int)cadence.MeetingLength.TotalMinutes, programTexts.Every(Math.Max(1, cadence.IntervalDays / 7))),
            Purpose = program is { Goals.Purpose: { Length: > 0 } purpose } ? programTexts.Format("Intro.Purpose", program.Name, purpose) : null,
        };
    }

    /// <summary>
    /// "Mon–Thu 10:00–16:00, your time": the pair's shared working hours in a typical week, in the reader's zone,
    /// days with the same hours grouped; null when they share none (the card then says nothing rather than guess).
    /// </summary>
    public static string? SharedHours(IReadOnlyList<(Instant Start, Instant End)> shared, Audience audience)
    {
        var windows = shared
            .Select(s => (Start: s.Start.InZone(audience.Zone).LocalDateTime, End: s.End.InZone(audience.Zone).LocalDateTime))
            .Where(w => w.Start.Date == w.End.Date)
            .GroupBy(w => (From: w.Start.TimeOfDay, To: w.End.TimeOfDay), w => w.Start.DayOfWeek)
            .Select(g => (g.Key.From, g.Key.To, Days: g.Distinct().Order().ToList()))
            .OrderBy(g => g.Days[0])
            .ToList();
        if (windows.Count == 0)
        {
            return null;
        }

        var culture = audience.Culture;
        var parts = windows.Select(w => string.Create(
            culture, $"{DayRanges(w.Days, culture)} {w.From.ToString("HH:mm", culture)}–{w.To.ToString("HH:mm", culture)}"));
        return audience.Texts.Format("Intro.SharedHoursYourTime", string.Join("; ", parts));
    }

    /// <summary>"Mon–Thu", "Mon, Wed", "Mon–Wed, Fri": runs of three or more days as a range.</summary>
    private static string DayRanges(List<IsoDayOfWeek> days, CultureInfo culture)
    {
        string Name(IsoDayOfWeek day) => culture.DateTimeFormat.GetAbbreviatedDayName((DayOfWeek)((int)day % 7));
        var runs = new List<string>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j] + 1)
            {
                j++;
            }

            runs.Add(j - i >= 2 ? $"{Name(days[i])}–{Name(days[j])}" : string.Join(", ", days.Skip(i).Take(j - i + 1).Select(Name)));
            i = j + 1;
        }

        return string.Join(", ", runs);
    }

    public NoticeView ConcernForOwner(ConcernForOwner concern, CardTexts t)
    {
        var text = t.Format("Concern.OwnerText", concern.RaisedBy.DisplayName, concern.Other.DisplayName, SkillName(concern.Mentorship.Skill, t.Culture), concern.RaisedAt.UtcDateTime);
        return new NoticeView(
            t["Concern.OwnerTitle"],
            concern.Alert.Details is { } details ? $"{text}\n\n{t.Format("Concern.OwnerDetails", details)}" : text);
    }

    public static NoticeView CheckInSkipped(CheckInSkipped skipped, Audience audience)
    {
        var t = audience.Texts;
        var by = skipped.By.DisplayName;
        var text = skipped.Details.CheckIn.Meeting is { } meeting
            ? t.Format("CheckIn.SkippedByOtherText", by, audience.FormatDateTime(meeting.Slot.Start))
            : t.Format("CheckIn.SkippedProposalByOtherText", by);
        return new NoticeView(t.Format("CheckIn.SkippedByOtherTitle", by), text);
    }

    public NoticeView PairingChanged(PairingChanged changed, CardTexts t)
    {
        var skill = SkillName(changed.Mentorship.Skill, t.Culture);
        var text = changed.Mentorship.State.EndReason == EndReason.ParticipantLeft
            ? t.Format("Flow.PairingLeftText", changed.By.DisplayName, skill)
            : t.Format("Flow.PairingEndedText", changed.By.DisplayName, skill);
        if (changed.Note is { Length: > 0 } note && changed.Mentorship.State.EndReason != EndReason.ParticipantLeft)
        {
            text = $"{text}\n\n{t.Format("End.NoteForPartner", changed.By.DisplayName, note)}";
        }

        return new NoticeView(t.Format("Flow.PairingEndedTitle", changed.By.DisplayName), text);
    }

    /// <summary>"{name} has left MentorBot, so your pairing ended" — from what the message kept (decision 0320).</summary>
    public NoticeView PartnerLeft(PartnerLeft left, CardTexts t)
    {
        var name = left.Name.Length > 0 ? left.Name : t["Flow.SomeoneWhoLeft"];
        return new NoticeView(t.Format("Flow.PairingEndedTitle", name), t.Format("Flow.PairingLeftText", name, SkillName(left.Skill, t.Culture)));
    }

    public MyMentoringView Mine(
        UserId me,
        IReadOnlyList<MentoringRequest> requests,
        IReadOnlyList<Mentorship> pairings,
        IReadOnlyDictionary<UserId, Profile> people,
        CardTexts t,
        IReadOnlyDictionary<MentorshipId, string>? nextCheckIns = null)
    {
        string NameOf(UserId? id) => id is { } known && people.TryGetValue(known, out var p) ? p.DisplayName : t["Flow.SomeoneWhoLeft"];

        var myRequests = requests
            .Where(r => r.Status != CoreRequestStatus.Withdrawn)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new MyRequestView(
                r.Id.Value,
                VersionOf(r),
                SkillName(r.Skill, t.Culture),
                r.Status switch
                {
                    CoreRequestStatus.Searching => t["Flow.StatusSearching"],
                    CoreRequestStatus.Offered => t.Format("Flow.StatusOffered", NameOf(r.PendingOffer?.Candidate)),
                    CoreRequestStatus.Matched => t.Format("Flow.StatusMatched", NameOf(r.MatchedWith)),
                    CoreRequestStatus.NoCandidates => t["Flow.StatusNoCandidates"],
                    _ => t["Flow.StatusWithdrawn"],
                },
                r.IsOpen))
            .ToList();
        var myPairings = pairings
            .Where(m => m.State.Status != MentorshipStatus.Ended)
            .Select(m => new MyPairingView(
                m.Id.Value,
                NameOf(m.OtherThan(me)),
                SkillName(m.Skill, t.Culture),
                m.State.Status == MentorshipStatus.Paused ? t["Flow.PairingPaused"] : t["Flow.PairingActive"],
                nextCheckIns is not null && nextCheckIns.TryGetValue(m.Id, out var next) ? next : null))
            .ToList();
        return new MyMentoringView(myRequests, myPairings);
    }

    public static IReadOnlyList<string> ForgetItems(ForgetMeSummary summary, CardTexts t)
    {
        var items = new List<string>();
        if (summary.Profile)
        {
            items.Add(t["Flow.ForgetItemProfile"]);
        }

        if (summary.RequestsAsked > 0)
        {
            items.Add(t.Format("Flow.ForgetItemRequests", summary.RequestsAsked));
        }

        if (summary.OffersReceived > 0)
        {
            items.Add(t.Format("Flow.ForgetItemOffers", summary.OffersReceived));
        }

        if (summary.Pairings > 0)
        {
            items.Add(t.Format("Flow.ForgetItemPairings", summary.Pairings));
        }

        items.Add(t["Flow.ForgetItemChat"]);
        return items;
    }

    public static string FormatOf(MeetingFormat format, CardTexts t) => format switch
    {
        MeetingFormat.Chat => t["Flow.FormatChat"],
        MeetingFormat.Shadowing => t["Flow.FormatShadowing"],
        _ => t["Flow.FormatCall"],
    };

    private static string Suggestion(NoCandidatesSuggestion suggestion, CardTexts t) => suggestion switch
    {
        NoCandidatesSuggestion.TryLater => t["Flow.SuggestTryLater"],
        NoCandidatesSuggestion.WidenWorkingHours => t["Flow.SuggestHours"],
        NoCandidatesSuggestion.AskProgramOwner => t["Flow.SuggestOwner"],
        _ => t["Flow.SuggestBroaden"],
    };

    private static string FactorLabel(MatchFactor factor, CardTexts t) => factor switch
    {
        MatchFactor.SkillGap => t["Flow.FactorSkillGap"],
        MatchFactor.Reciprocity => t["Flow.FactorReciprocity"],
        MatchFactor.SharedHours => t["Flow.FactorSharedHours"],
        MatchFactor.DifferentDepartment => t["Flow.FactorDepartment"],
        MatchFactor.SharedLanguage => t["Flow.FactorLanguage"],
        MatchFactor.LoadBalance => t["Flow.FactorLoad"],
        _ => t["Flow.FactorNew"],
    };
}
