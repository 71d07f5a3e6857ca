using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Matching;

/// <summary>
/// A snapshot prepared for fast ranking: people by skill (highest level first), reporting lines, weekly
/// availability in UTC, loads. Build once per snapshot (O(n)), then rank many requests against it. Immutable, except
/// for the few setters the live index (<c>Requests.LiveMatchingIndex</c>) calls under its own lock to follow loads,
/// the ranking clock and the asking person's own pairs without a rebuild.
/// </summary>
public sealed class MatchingIndex
{
    private readonly Dictionary<UserId, int> _indexOf;
    private readonly Dictionary<SkillId, int> _skillOrdinal;

    private MatchingIndex(MatchingSnapshot snapshot)
    {
        Snapshot = snapshot;
        Now = snapshot.AsOf;
        WeekStart = WeeklyAvailability.WeekStart(snapshot.AsOf);

        // Index order is id order, so "ties broken by id" is "ties broken by index" everywhere below.
        var latest = new Dictionary<UserId, Profile>(snapshot.Profiles.Count);
        foreach (var profile in snapshot.Profiles)
        {
            latest[profile.Id] = profile;
        }

        People = [.. latest.Values];
        Array.Sort(People, static (a, b) => string.CompareOrdinal(a.Id.AadObjectId, b.Id.AadObjectId));
        var count = People.Length;
        _indexOf = new Dictionary<UserId, int>(count);
        for (var i = 0; i < count; i++)
        {
            _indexOf[People[i].Id] = i;
        }

        _skillOrdinal = [];
        var skills = new List<SkillId>();
        int SkillOrdinal(SkillId skill)
        {
            if (!_skillOrdinal.TryGetValue(skill, out var ordinal))
            {
                ordinal = skills.Count;
                _skillOrdinal[skill] = ordinal;
                skills.Add(skill);
            }

            return ordinal;
        }

        var departments = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        var availabilities = new Dictionary<(string Zone, int Days, long Start, long End), int>();
        var availabilityList = new List<int[]>();
        var managerOf = new int[count];
        ActiveFromTicks = new long[count];
        CanTeach = new bool[count];
        Capacity = new int[count];
        Department = new int[count];
        Languages = new int[count][];
        AvailabilityId = new int[count];
        Offers = new (int Skill, SkillLevel Level)[count][];
        Wants = new (int Skill, SkillLevel Current)[count][];
        for (var i = 0; i < count; i++)
        {
            var person = People[i];
            managerOf[i] = NearestManagerIndexed(person, i);
            ActiveFromTicks[i] = person.Participation switch
            {
                { State: ParticipationState.Active } => long.MinValue,
                { State: ParticipationState.Paused, PausedUntil: { } until } => until.UtcTicks,
                _ => long.MaxValue,
            };
            CanTeach[i] = person.CanTeach;
            Capacity[i] = person.Capacity;
            Department[i] = string.IsNullOrWhiteSpace(person.Department)
                ? -1
                : Intern(departments, person.Department.Trim());
            Languages[i] = [.. person.Languages.Select(l => Intern(languages, PrimaryLanguage(l))).Distinct()];

            var hours = person.WorkingHours;
            var days = 0;
            foreach (var day in hours.Days)
            {
                days |= 1 << (int)day;
            }

            var key = (person.TimeZoneId, days, hours.Start.TickOfDay, hours.End.TickOfDay);
            if (!availabilities.TryGetValue(key, out var availability))
            {
                availability = availabilityList.Count;
                availabilities[key] = availability;
                availabilityList.Add(WeeklyAvailability.Compute(person.TimeZoneId, hours, WeekStart));
            }

            AvailabilityId[i] = availability;
            Offers[i] = [.. person.Offers.Select(o => (SkillOrdinal(o.Skill), o.Level))];
            Wants[i] = [.. person.Wants.Select(w => (SkillOrdinal(w.Skill), w.Current))];
        }

        Availability = [.. availabilityList];
        Lines = new ReportingLines(managerOf);
        LanguageNames = [.. languages.OrderBy(l => l.Value).Select(l => l.Key)];
        SkillIds = [.. skills];

        var postings = new List<(int Person, SkillLevel Level)>[skills.Count];
        for (var s = 0; s < postings.Length; s++)
        {
            postings[s] = [];
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var (skill, level) in Offers[i])
            {
                postings[skill].Add((i, level));
            }
        }

        ActiveCount = new int[count];
        MentorshipsByLearner = [];
        foreach (var mentorship in snapshot.ActiveMentorships)
        {
            if (!_indexOf.TryGetValue(mentorship.Mentor, out var mentor))
            {
                continue;
            }

            ActiveCount[mentor]++;
            if (_indexOf.TryGetValue(mentorship.Learner, out var learner))
            {
                Add(MentorshipsByLearner, learner, (mentor, mentorship.Skill));
            }
        }

        OffersByLearner = [];
        foreach (var offer in snapshot.OpenOffers)
        {
            if (_indexOf.TryGetValue(offer.Learner, out var learner) && _indexOf.TryGetValue(offer.Candidate, out var candidate))
            {
                Add(OffersByLearner, learner, candidate);
            }
        }

        EndedByPerson = [];
        foreach (var ended in snapshot.EndedPairings)
        {
            if (_indexOf.TryGetValue(ended.Mentor, out var mentor) && _indexOf.TryGetValue(ended.Learner, out var learner))
            {
                Add(EndedByPerson, mentor, (learner, ended.EndedAt));
                Add(EndedByPerson, learner, (mentor, ended.EndedAt));
            }
        }

        RecentOffers = new int[count];
        foreach (var (user, offers) in snapshot.RecentOfferCounts)
        {
            if (_indexOf.TryGetValue(user, out var i))
            {
                RecentOffers[i] = Math.Max(0, offers);
            }
        }

        LanguageMask = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            foreach (var language in Languages[i])
            {
                LanguageMask[i] |= 1UL << Math.Min(language, 63);
            }
        }

        // The ranking loop reads one contiguous record per candidate instead of a dozen scattered arrays.
        Postings = new Posting[skills.Count][];
        for (var s = 0; s < postings.Length; s++)
        {
            var list = postings[s];
            list.Sort((a, b) => a.Level != b.Level ? b.Level.CompareTo(a.Level) : a.Person.CompareTo(b.Person));
            Postings[s] = [.. list.Select(p => MakePosting(p.Person, p.Level))];
        }
    }

    public MatchingSnapshot Snapshot { get; }

    /// <summary>The moment ranking judges pauses and cooldowns at: the snapshot's, unless the live index moved it on.</summary>
    internal DateTimeOffset Now { get; set; }

    public int Count => People.Length;

    internal NodaTime.Instant WeekStart { get; }

    internal Profile[] People { get; }

    internal long[] ActiveFromTicks { get; }

    internal bool[] CanTeach { get; }

    internal int[] Capacity { get; }

    internal int[] ActiveCount { get; }

    internal int[] RecentOffers { get; }

    internal int[] Department { get; }

    internal int[][] Languages { get; }

    internal string[] LanguageNames { get; }

    internal int[] AvailabilityId { get; }

    internal int[][] Availability { get; }

    internal (int Skill, SkillLevel Level)[][] Offers { get; }

    internal (int Skill, SkillLevel Current)[][] Wants { get; }

    internal SkillId[] SkillIds { get; }

    /// <summary>Per skill ordinal: everyone offering it, highest level first, then by id.</summary>
    internal Posting[][] Postings { get; }

    internal ulong[] LanguageMask { get; }

    internal ReportingLines Lines { get; }

    /// <summary>
    /// The person's direct manager when they are in the snapshot, else the nearest manager above them the directory
    /// named who is (decision 0400): a reporting line runs through managers who never use MentorBot.
    /// </summary>
    private int NearestManagerIndexed(Profile person, int self)
    {
        if (person.ManagerId is not { } manager)
        {
            return -1;
        }

        if (_indexOf.TryGetValue(manager, out var direct))
        {
            return direct != self ? direct : -1;
        }

        foreach (var above in person.LineAbove)
        {
            if (_indexOf.TryGetValue(above, out var m))
            {
                return m != self ? m : -1;
            }
        }

        return -1;
    }

    internal Dictionary<int, List<(int Mentor, SkillId Skill)>> MentorshipsByLearner { get; }

    internal Dictionary<int, List<int>> OffersByLearner { get; }

    internal Dictionary<int, List<(int Other, DateTimeOffset EndedAt)>> EndedByPerson { get; }

    public static MatchingIndex Build(MatchingSnapshot snapshot) => new(snapshot);

    public Profile? Find(UserId id) => _indexOf.TryGetValue(id, out var i) ? People[i] : null;

    /// <summary>How many people offer the skill at any level (before any constraint).</summary>
    public int OfferCount(SkillId skill) => _skillOrdinal.TryGetValue(skill, out var s) ? Postings[s].Length : 0;

    /// <summary>Shared working hours per week of two people in the snapshot's reference week.</summary>
    public double SharedHoursPerWeek(UserId a, UserId b) =>
        _indexOf.TryGetValue(a, out var i) && _indexOf.TryGetValue(b, out var j)
            ? WeeklyAvailability.OverlapMinutes(Availability[AvailabilityId[i]], Availability[AvailabilityId[j]]) / 60.0
            : 0;

    /// <summary>Whether either person is anywhere above the other in the management chain.</summary>
    public bool AreInSameReportingLine(UserId a, UserId b) =>
        _indexOf.TryGetValue(a, out var i) && _indexOf.TryGetValue(b, out var j) && i != j && Lines.AreInSameLine(i, j);

    internal bool TryIndexOf(UserId id, out int index) => _indexOf.TryGetValue(id, out index);

    internal bool TrySkillOrdinal(SkillId skill, out int ordinal) => _skillOrdinal.TryGetValue(skill, out ordinal);

    internal bool IsActiveAt(int person, DateTimeOffset now) => now.UtcTicks >= ActiveFromTicks[person];

    /// <summary>
    /// Sets one person's running pairs as mentor, in <see cref="ActiveCount"/> and in each of their postings (the
    /// posting order does not depend on load, so nothing moves). Only for an index nobody ranks on concurrently.
    /// </summary>
    internal void SetActiveCount(int person, int count)
    {
        if (ActiveCount[person] == count)
        {
            return;
        }

        ActiveCount[person] = count;
        foreach (var (skill, _) in Offers[person])
        {
            var postings = Postings[skill];
            for (var k = 0; k < postings.Length; k++)
            {
                if (postings[k].Person == person)
                {
                    postings[k] = postings[k] with { ActiveCount = count };
                }
            }
        }
    }

    /// <summary>
    /// Replaces what the index knows about one learner's own pairs, pending offers and ended pairings with what was
    /// just read for them, so those checks never rest on an old snapshot. Only for an index nobody ranks on concurrently.
    /// </summary>
    internal void SetLearnerState(
        int learner,
        IReadOnlyList<(int Mentor, SkillId Skill)> mentorships,
        IReadOnlyList<int> offers,
        IReadOnlyList<(int Other, DateTimeOffset EndedAt)> ended)
    {
        static void Set<T>(Dictionary<int, List<T>> table, int key, IReadOnlyList<T> values)
        {
            if (values.Count == 0)
            {
                table.Remove(key);
            }
            else
            {
                table[key] = [.. values];
            }
        }

        Set(MentorshipsByLearner, learner, mentorships);
        Set(OffersByLearner, learner, offers);
        Set(EndedByPerson, learner, ended);
    }

    internal Posting MakePosting(int person, SkillLevel level)
    {
        var wants = Wants[person];
        var packed = 0UL;
        var packable = wants.Length <= Posting.PackedWants;
        for (var k = 0; k < wants.Length && packable; k++)
        {
            packable = wants[k].Skill < 4096;
            packed |= (ulong)(((wants[k].Skill & 0xFFF) << 4) | ((int)wants[k].Current & 0xF)) << (16 * k);
        }

        return new Posting(
            person,
            level,
            CanTeach[person],
            ActiveFromTicks[person],
            Capacity[person],
            ActiveCount[person],
            RecentOffers[person],
            Department[person],
            AvailabilityId[person],
            LanguageMask[person],
            packed,
            packable ? wants.Length : -1,
            Lines.Enter[person],
            Lines.Exit[person]);
    }

    private static string PrimaryLanguage(string tag)
    {
        var trimmed = tag.Trim().ToLowerInvariant();
        var dash = trimmed.IndexOfAny(['-', '_']);
        return dash > 0 ? trimmed[..dash] : trimmed;
    }

    private static int Intern(Dictionary<string, int> table, string value)
    {
        if (!table.TryGetValue(value, out var ordinal))
        {
            ordinal = table.Count;
            table[value] = ordinal;
        }

        return ordinal;
    }

    private static void Add<T>(Dictionary<int, List<T>> table, int key, T value)
    {
        if (!table.TryGetValue(key, out var list))
        {
            list = [];
            table[key] = list;
        }

        list.Add(value);
    }
}

/// <summary>What ranking needs about one person offering one skill, in one place in memory.</summary>
/// <param name="WantCount">Number of packed wants in <paramref name="Wants"/> (16 bits each: skill ordinal, current level); -1 when they did not fit.</param>
internal readonly record struct Posting(
    int Person,
    SkillLevel Level,
    bool CanTeach,
    long ActiveFromTicks,
    int Capacity,
    int ActiveCount,
    int RecentOffers,
    int Department,
    int AvailabilityId,
    ulong Languages,
    ulong Wants,
    int WantCount,
    int Enter,
    int Exit)
{
    public const int PackedWants = 4;
}
