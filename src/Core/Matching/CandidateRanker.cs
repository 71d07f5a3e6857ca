using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Matching;

/// <summary>
/// Ranks who could help one learner with one skill. Pure: same index and request, same answer. Consults only the
/// people who offer the skill, highest level first, and stops where the skill gap runs out.
/// </summary>
public sealed class CandidateRanker(MatchingOptions options, SkillCatalog catalog)
{
    internal const double UnitsPerPoint = 10_000;

    public MatchingOptions Options => options;

    public RankingResult Rank(MatchingIndex index, MatchRequest request) => Rank(index, request, options.MaxCandidates);

    public RankingResult Rank(MatchingIndex index, MatchRequest request, int maxCandidates)
    {
        var skillName = catalog.NameOf(request.Skill);
        if (!index.TryIndexOf(request.Learner, out var learner))
        {
            return new RankingResult(request, skillName, SkillLevel.None, [], index.OfferCount(request.Skill), new Dictionary<ExclusionReason, int>(), [], RankingProblem.LearnerNotFound);
        }

        var learnerLevel = index.People[learner].LevelIn(request.Skill);
        var counts = new int[Enum.GetValues<ExclusionReason>().Length];
        var details = new List<(int Person, ExclusionReason Reason)>();
        var context = new RequestContext(index, options, learner, request, details, options.MaxExclusionDetails);
        var top = context.Scan(maxCandidates, counts, limits: null);

        var candidates = top.Select(t => Explain(context, t.Person, t.Units)).ToArray();
        var byReason = Enum.GetValues<ExclusionReason>().Where(r => counts[(int)r] > 0).ToDictionary(r => r, r => counts[(int)r]);
        var exclusions = details.Select(d => new Exclusion(index.People[d.Person].Id, index.People[d.Person].DisplayName, d.Reason)).ToArray();
        return new RankingResult(request, skillName, learnerLevel, candidates, index.OfferCount(request.Skill), byReason, exclusions)
        {
            EligibleCount = context.EligibleCount,
            IsComplete = context.IsComplete,
        };
    }

    /// <summary>Top candidates as (person, score units) without texts: the cohort matcher's edge list.</summary>
    internal List<(int Person, long Units)> Candidates(MatchingIndex index, int learner, MatchRequest request, int limit, CohortLimits? limits)
    {
        var context = new RequestContext(index, options, learner, request, null, 0, limits);
        return context.Scan(limit, null, limits);
    }

    internal RequestContext Context(MatchingIndex index, int learner, MatchRequest request, CohortLimits? limits) =>
        new(index, options, learner, request, null, 0, limits);

    internal RankedCandidate Explain(MatchingIndex index, int learner, MatchRequest request, int person, long units) =>
        Explain(new RequestContext(index, options, learner, request, null, 0), person, units);

    private RankedCandidate Explain(RequestContext context, int person, long units)
    {
        var index = context.Index;
        var learner = index.People[context.Learner];
        var mentor = index.People[person];
        var values = context.Evaluate(index.MakePosting(person, mentor.LevelIn(context.Request.Skill)));
        var weights = options.Weights;
        var hours = values.SharedMinutes / 60.0;
        var sameDepartment = index.Department[person] >= 0 && index.Department[person] == index.Department[context.Learner];
        var sharedLanguage = context.SharedLanguage(person);
        var facts = new MatchFacts(
            context.Request.Skill,
            values.MentorLevel,
            context.LearnerLevel,
            values.ReciprocalSkill >= 0 ? index.SkillIds[values.ReciprocalSkill] : null,
            values.SharedMinutes,
            values.Department > 0 ? mentor.Department : null,
            sameDepartment,
            sharedLanguage >= 0 ? index.LanguageNames[sharedLanguage] : null,
            index.ActiveCount[person],
            index.Capacity[person],
            index.RecentOffers[person],
            values.LastEnded);
        var factors = new List<FactorScore>(7);
        void Add(MatchFactor factor, double value) => factors.Add(new FactorScore(factor, Math.Round(weights[factor] * value, 4), facts));

        var mentorLevel = values.MentorLevel;
        Add(MatchFactor.SkillGap, values.Gap);
        Add(MatchFactor.Reciprocity, values.Reciprocity);
        Add(MatchFactor.SharedHours, values.Hours);
        Add(MatchFactor.DifferentDepartment, values.Department);
        Add(MatchFactor.SharedLanguage, values.Language);
        Add(MatchFactor.LoadBalance, values.Load);
        Add(MatchFactor.NewConnection, values.Novelty);

        return new RankedCandidate(mentor, units / UnitsPerPoint, mentorLevel, context.LearnerLevel, Math.Round(hours, 2), factors);
    }

    /// <summary>Factor values in 0..1 for one candidate plus what the texts need.</summary>
    internal struct FactorValues
    {
        public SkillLevel MentorLevel;
        public double Gap;
        public double Reciprocity;
        public int ReciprocalSkill;
        public double Hours;
        public int SharedMinutes;
        public double Department;
        public double Language;
        public double Load;
        public double Novelty;
        public DateTimeOffset? LastEnded;
    }

    /// <summary>Per-request state: what the learner offers, their pending offers, former partners, cached overlaps.</summary>
    internal sealed class RequestContext
    {
        private readonly SkillLevel[] _learnerOffers;
        private readonly int[] _overlapCache;
        private readonly int[] _learnerAvailability;
        private readonly HashSet<int>? _pendingOffers;
        private readonly HashSet<int>? _previousPartners;
        private readonly HashSet<int>? _currentMentors;
        private readonly Dictionary<int, DateTimeOffset>? _endedWith;
        private readonly long _repeatCutoffTicks;
        private readonly long _nowTicks;
        private readonly List<(int Person, ExclusionReason Reason)>? _details;
        private readonly int _maxDetails;
        private readonly int _skill;
        private readonly int _learnerDepartment;
        private readonly int _learnerEnter;
        private readonly int _learnerExit;
        private readonly ulong _learnerLanguages;
        private readonly double _w0, _w1, _w2, _w3, _w4, _w5, _w6;

        public RequestContext(MatchingIndex index, MatchingOptions options, int learner, MatchRequest request, List<(int, ExclusionReason)>? details, int maxDetails, CohortLimits? limits = null)
        {
            _previousPartners = limits?.PreviousPartners(learner);
            Index = index;
            Options = options;
            Learner = learner;
            Request = request;
            LearnerLevel = index.People[learner].LevelIn(request.Skill);
            _details = details;
            _maxDetails = maxDetails;
            _skill = index.TrySkillOrdinal(request.Skill, out var skill) ? skill : -1;

            _learnerOffers = new SkillLevel[index.SkillIds.Length];
            foreach (var (offered, level) in index.Offers[learner])
            {
                _learnerOffers[offered] = level;
            }

            _overlapCache = new int[index.Availability.Length];
            Array.Fill(_overlapCache, -1);
            _learnerAvailability = index.Availability[index.AvailabilityId[learner]];
            _learnerDepartment = index.Department[learner];
            _learnerEnter = index.Lines.Enter[learner];
            _learnerExit = index.Lines.Exit[learner];
            _learnerLanguages = index.LanguageMask[learner];

            if (index.OffersByLearner.TryGetValue(learner, out var pending))
            {
                _pendingOffers = [.. pending];
            }

            if (index.MentorshipsByLearner.TryGetValue(learner, out var mentorships))
            {
                _currentMentors = [.. mentorships.Where(m => m.Skill == request.Skill).Select(m => m.Mentor)];
            }

            if (index.EndedByPerson.TryGetValue(learner, out var ended))
            {
                _endedWith = [];
                foreach (var (other, endedAt) in ended)
                {
                    if (!_endedWith.TryGetValue(other, out var known) || known < endedAt)
                    {
                        _endedWith[other] = endedAt;
                    }
                }
            }

            _nowTicks = index.Now.UtcTicks;
            _repeatCutoffTicks = (index.Now - options.RepeatCooldown).UtcTicks;
            var w = options.Weights;
            (_w0, _w1, _w2, _w3, _w4, _w5, _w6) = (w.SkillGap, w.Reciprocity, w.SharedHours, w.DifferentDepartment, w.SharedLanguage, w.LoadBalance, w.NewConnection);
        }

        public MatchingIndex Index { get; }

        public MatchingOptions Options { get; }

        public int Learner { get; }

        public MatchRequest Request { get; }

        public SkillLevel LearnerLevel { get; }

        /// <summary>Eligible candidates seen; all of them when <see cref="IsComplete"/>.</summary>
        public int EligibleCount { get; private set; }

        /// <summary>False when the scan stopped early because nobody further down could enter the top list.</summary>
        public bool IsComplete { get; private set; } = true;

        /// <summary>Best <paramref name="limit"/> eligible candidates, best first (score desc, then id).</summary>
        public List<(int Person, long Units)> Scan(int limit, int[]? counts, CohortLimits? limits)
        {
            var result = new List<(int Person, long Units)>();
            if (_skill < 0 || limit <= 0)
            {
                return result;
            }

            var postings = limits?.Postings[_skill] ?? Index.Postings[_skill];
            var minimumLevel = (int)LearnerLevel + Options.MinimumSkillGap;
            var minimumMinutes = (int)Math.Ceiling(Options.MinimumSharedHoursPerWeek * 60);
            var otherFactors = _w1 + _w2 + _w3 + _w4 + _w5 + _w6;

            // Min-heap on (units, -person): the root is the weakest of the current top. Sized by what exists, never by
            // the caller's limit: "no limit" (int.MaxValue) must not allocate or overflow.
            var heap = new PriorityQueue<int, long>(Math.Min(limit, postings.Length) + 1);
            var weakest = long.MinValue;
            var bucketLevel = -1;
            for (var k = 0; k < postings.Length; k++)
            {
                ref readonly var posting = ref postings[k];
                var level = (int)posting.Level;
                if (level < minimumLevel)
                {
                    // Sorted by level: nobody further down is far enough ahead either.
                    for (var rest = k; rest < postings.Length; rest++)
                    {
                        var person = postings[rest].Person;
                        Exclude(counts, person, person == Learner ? ExclusionReason.Self : ExclusionReason.SkillGapTooSmall);
                    }

                    break;
                }

                if (level != bucketLevel)
                {
                    bucketLevel = level;
                    if (heap.Count == limit)
                    {
                        // Everyone from here on is at this level or lower; if even perfect scores elsewhere cannot
                        // beat the weakest of the top list, the rest cannot change the answer.
                        var best = (long)Math.Round(((_w0 * GapValue(level)) + otherFactors) * UnitsPerPoint);
                        if (best < (weakest >> 24))
                        {
                            IsComplete = false;
                            break;
                        }
                    }
                }

                var reason = Check(in posting, limits);
                if (reason is { } excluded)
                {
                    Exclude(counts, posting.Person, excluded);
                    continue;
                }

                var values = Evaluate(in posting);
                if (values.SharedMinutes < minimumMinutes)
                {
                    Exclude(counts, posting.Person, ExclusionReason.TooFewSharedHours);
                    continue;
                }

                EligibleCount++;
                var units = Units(in values);
                var key = (units << 24) | (long)(0xFFFFFF - (posting.Person & 0xFFFFFF));
                if (heap.Count < limit)
                {
                    heap.Enqueue(posting.Person, key);
                    if (heap.Count == limit)
                    {
                        heap.TryPeek(out _, out weakest);
                    }
                }
                else if (key > weakest)
                {
                    heap.DequeueEnqueue(posting.Person, key);
                    heap.TryPeek(out _, out weakest);
                }
            }

            while (heap.TryDequeue(out var person, out var key))
            {
                result.Add((person, key >> 24));
            }

            result.Reverse();
            return result;
        }

        /// <summary>
        /// The score of an eligible pair in units, or false when the pair breaks a hard constraint (the same checks
        /// and the same arithmetic as <see cref="Scan"/>, so a priced pair and a ranked pair always agree).
        /// </summary>
        public bool TryScore(in Posting posting, CohortLimits? limits, out long units)
        {
            units = 0;
            if ((int)posting.Level < (int)LearnerLevel + Options.MinimumSkillGap || Check(in posting, limits) is not null)
            {
                return false;
            }

            var values = Evaluate(in posting);
            if (values.SharedMinutes < (int)Math.Ceiling(Options.MinimumSharedHoursPerWeek * 60))
            {
                return false;
            }

            units = Units(in values);
            return true;
        }

        /// <summary>
        /// An upper bound on this posting's score from what the posting itself says (level, department, languages,
        /// load), before the checks and the costlier factors (shared hours, teach-back): pricing skips a posting that
        /// cannot win even with those at their best.
        /// </summary>
        public long QuickBound(in Posting posting)
        {
            var department = posting.Department >= 0 && _learnerDepartment >= 0 && posting.Department != _learnerDepartment ? 1 : 0;
            var language = (posting.Languages & _learnerLanguages) != 0 ? 1 : 0;
            var free = posting.Capacity > 0 ? 1.0 - ((double)posting.ActiveCount / posting.Capacity) : 0;
            var saturation = Options.RecentOffersSaturation;
            var quiet = 1.0 - ((double)Math.Min(posting.RecentOffers, saturation) / saturation);
            var load = (0.7 * Math.Max(free, 0)) + (0.3 * quiet);
            var total = (_w0 * GapValue((int)posting.Level)) + _w1 + _w2 + (_w3 * department) + (_w4 * language) + (_w5 * load) + _w6;
            return (long)Math.Round(total * UnitsPerPoint) + 1;
        }

        /// <summary>No pair with a mentor at <paramref name="mentorLevel"/> or below can score more than this.</summary>
        public long UpperBound(int mentorLevel) =>
            (long)Math.Round(((_w0 * GapValue(mentorLevel)) + _w1 + _w2 + _w3 + _w4 + _w5 + _w6) * UnitsPerPoint) + 1;

        /// <summary>The postings this request's skill is offered in (already filtered by the round when given).</summary>
        public Posting[] Postings(CohortLimits? limits) => _skill < 0 ? [] : limits?.Postings[_skill] ?? Index.Postings[_skill];

        /// <summary>The lowest level a mentor needs to be far enough ahead of the learner.</summary>
        public int MinimumMentorLevel => (int)LearnerLevel + Options.MinimumSkillGap;

        private long Units(in FactorValues values)
        {
            var total = (_w0 * values.Gap) + (_w1 * values.Reciprocity) + (_w2 * values.Hours) + (_w3 * values.Department)
                + (_w4 * values.Language) + (_w5 * values.Load) + (_w6 * values.Novelty);
            return (long)Math.Round(total * UnitsPerPoint);
        }

        public FactorValues Evaluate(in Posting posting)
        {
            var index = Index;
            var values = new FactorValues { ReciprocalSkill = -1, MentorLevel = posting.Level };
            values.Gap = GapValue((int)posting.Level);

            var bestTeachBack = 0;
            if (posting.WantCount >= 0)
            {
                for (var k = 0; k < posting.WantCount; k++)
                {
                    var entry = (int)((posting.Wants >> (16 * k)) & 0xFFFF);
                    ConsiderTeachBack(entry >> 4, (SkillLevel)(entry & 0xF), ref bestTeachBack, ref values);
                }
            }
            else
            {
                foreach (var (wanted, current) in index.Wants[posting.Person])
                {
                    ConsiderTeachBack(wanted, current, ref bestTeachBack, ref values);
                }
            }

            values.Reciprocity = values.ReciprocalSkill >= 0 ? 1 : 0;

            var minutes = _overlapCache[posting.AvailabilityId];
            if (minutes < 0)
            {
                minutes = WeeklyAvailability.OverlapMinutes(_learnerAvailability, index.Availability[posting.AvailabilityId]);
                _overlapCache[posting.AvailabilityId] = minutes;
            }

            values.SharedMinutes = minutes;
            values.Hours = Math.Min(minutes / 60.0, Options.FullSharedHoursPerWeek) / Options.FullSharedHoursPerWeek;

            values.Department = posting.Department >= 0 && _learnerDepartment >= 0 && posting.Department != _learnerDepartment ? 1 : 0;

            var sharedLanguages = posting.Languages & _learnerLanguages;
            if (sharedLanguages != 0 && (sharedLanguages != 1UL << 63 || SharedLanguage(posting.Person) >= 0))
            {
                values.Language = 1;
            }

            var free = posting.Capacity > 0 ? 1.0 - ((double)posting.ActiveCount / posting.Capacity) : 0;
            var saturation = Options.RecentOffersSaturation;
            var quiet = 1.0 - ((double)Math.Min(posting.RecentOffers, saturation) / saturation);
            values.Load = (0.7 * Math.Max(free, 0)) + (0.3 * quiet);

            values.Novelty = 1;
            if (_endedWith is not null && _endedWith.TryGetValue(posting.Person, out var ended))
            {
                values.LastEnded = ended;
                values.Novelty = ended.UtcTicks >= _repeatCutoffTicks ? 0 : 0.5;
            }

            return values;
        }

        /// <summary>The first of the learner's languages the candidate also speaks (their order, so their first language wins).</summary>
        public int SharedLanguage(int candidate)
        {
            foreach (var language in Index.Languages[Learner])
            {
                if (Array.IndexOf(Index.Languages[candidate], language) >= 0)
                {
                    return language;
                }
            }

            return -1;
        }

        private static double GapValue(int mentorLevel, int learnerLevel) => Math.Clamp(mentorLevel - learnerLevel, 0, 3) / 3.0;

        private double GapValue(int mentorLevel) => GapValue(mentorLevel, (int)LearnerLevel);

        private void ConsiderTeachBack(int wanted, SkillLevel current, ref int bestTeachBack, ref FactorValues values)
        {
            var teachBack = (int)_learnerOffers[wanted] - (int)current;
            if (teachBack >= Options.MinimumSkillGap && (teachBack > bestTeachBack || (teachBack == bestTeachBack && wanted < values.ReciprocalSkill)))
            {
                bestTeachBack = teachBack;
                values.ReciprocalSkill = wanted;
            }
        }

        private ExclusionReason? Check(in Posting posting, CohortLimits? limits)
        {
            var candidate = posting.Person;
            if (candidate == Learner)
            {
                return ExclusionReason.Self;
            }

            if (!posting.CanTeach)
            {
                return ExclusionReason.NotTeaching;
            }

            if (_nowTicks < posting.ActiveFromTicks)
            {
                return Index.People[candidate].Participation.State == ParticipationState.Paused ? ExclusionReason.Paused : ExclusionReason.OptedOut;
            }

            if (limits is not null && !limits.IsInRound(candidate))
            {
                return ExclusionReason.NotInRound;
            }

            if (ReportingLines.AreInSameLine(posting.Enter, posting.Exit, _learnerEnter, _learnerExit))
            {
                return ExclusionReason.ReportingLine;
            }

            if (_currentMentors is not null && _currentMentors.Contains(candidate))
            {
                return ExclusionReason.AlreadyMentoring;
            }

            if (_pendingOffers is not null && _pendingOffers.Contains(candidate))
            {
                return ExclusionReason.OfferPending;
            }

            if (_previousPartners is not null && _previousPartners.Contains(candidate))
            {
                return ExclusionReason.RecentlyPaired;
            }

            if (!Request.AllowRepeat && _endedWith is not null && _endedWith.TryGetValue(candidate, out var ended) && ended.UtcTicks >= _repeatCutoffTicks)
            {
                return ExclusionReason.RecentlyPaired;
            }

            if (posting.ActiveCount + (limits?.ExtraLoad(candidate) ?? 0) >= posting.Capacity)
            {
                return ExclusionReason.AtCapacity;
            }

            return null;
        }

        private void Exclude(int[]? counts, int person, ExclusionReason reason)
        {
            if (counts is not null)
            {
                counts[(int)reason]++;
            }

            if (_details is not null && _details.Count < _maxDetails && reason != ExclusionReason.Self)
            {
                _details.Add((person, reason));
            }
        }
    }
}

/// <summary>What a program round adds to the hard constraints: its mentor list, places already taken, last round's pairs.</summary>
internal sealed class CohortLimits(MatchingIndex index, bool[]? inRound, int[] extraLoad, Dictionary<int, HashSet<int>> previousPartners)
{
    /// <summary>
    /// Per skill, only the postings that pass the learner-independent constraints (teaches, active, in the round,
    /// has a place): a round ranks thousands of requests, and most postings of a popular skill fail these.
    /// </summary>
    public Posting[][] Postings { get; } = [.. index.Postings.Select(postings => postings
        .Where(p => p.CanTeach
            && index.Snapshot.AsOf.UtcTicks >= p.ActiveFromTicks
            && (inRound is null || inRound[p.Person])
            && p.ActiveCount + extraLoad[p.Person] < p.Capacity)
        .ToArray())];

    public bool IsInRound(int person) => inRound is null || inRound[person];

    public int ExtraLoad(int person) => extraLoad[person];

    public HashSet<int>? PreviousPartners(int learner) => previousPartners.GetValueOrDefault(learner);
}
