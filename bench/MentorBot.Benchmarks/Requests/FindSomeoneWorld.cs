using MentorBot.Benchmarks.Matching;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MentorBot.Core;

namespace MentorBot.Benchmarks.Requests;

/// <summary>
/// The product as Program.cs composes it (same registration methods), on a SQLite file holding a synthetic company of
/// <c>people</c> profiles in one tenant with its running pairs (about 15% of teachers), ended pairs (10%) and offers
/// waiting for an answer (5%). "Find someone" is <see cref="MentoringService.AskAsync"/> by a senior with no open request
/// for that skill; the request it creates is deleted again (one point delete) so every ask meets the same storage.
/// </summary>
internal sealed class FindSomeoneWorld : IAsyncDisposable
{
    public static readonly TenantId Tenant = new("72f988bf-0000-4000-8000-000000000001");

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly IRequestStore _requests;
    private readonly AskForHelp[] _asks;
    private int _next;

    private FindSomeoneWorld(WebApplication app, string folder, AskForHelp[] asks)
    {
        _app = app;
        _folder = folder;
        _asks = asks;
        Mentoring = app.Services.GetRequiredService<MentoringService>();
        _requests = app.Services.GetRequiredService<IRequestStore>();
    }

    public MentoringService Mentoring { get; }

    public int AskCount => _asks.Length;

    public static async Task<FindSomeoneWorld> CreateAsync(int people)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mentorbot-find-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder });

        // As Program.cs: the product's one composition (decision 0300), minus the endpoints (nothing here takes HTTP traffic).
        builder.AddMentorBotProduct();
        var app = builder.Build();

        var engine = app.Services.GetRequiredService<ITableEngine>();
        foreach (var table in app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
        }

        var population = SyntheticPopulation.Create(people, seed: 16);
        var snapshot = population.Snapshot;
        var profiles = (TableProfileStore)app.Services.GetRequiredService<IProfileStore>();
        var mentoring = app.Services.GetRequiredService<TableMentoringStore>();
        await InsertAsync(engine.GetTable(TableProfileStore.TableName), snapshot.Profiles.Select(p => profiles.ToEntity(p with { Tenant = Tenant })));

        var now = DateTimeOffset.UtcNow;
        var rows = new List<TableEntity>();
        var n = 0;
        foreach (var pair in snapshot.ActiveMentorships.Where(p => p.Mentor != p.Learner))
        {
            rows.Add(mentoring.ToEntity(Pair(++n, pair.Mentor, pair.Learner, pair.Skill, now)));
        }

        foreach (var pair in snapshot.EndedPairings.Where(p => p.Mentor != p.Learner))
        {
            rows.Add(mentoring.ToEntity(Pair(++n, pair.Mentor, pair.Learner, pair.Skill, now).End(EndReason.Completed, now.AddDays(-200)).Value!));
        }

        var waiting = new HashSet<(UserId, SkillId)>();
        foreach (var offer in snapshot.OpenOffers.Where(o => o.Learner != o.Candidate))
        {
            var request = MentoringRequest.Create(new RequestId($"r-seed-{++n}"), offer.Learner, offer.Skill, null, MeetingFormat.Call, Urgency.ThisMonth, now) with { Tenant = Tenant };
            rows.Add(mentoring.ToEntity(((RequestTransition.Changed)request.OfferTo(offer.Candidate, now, TimeSpan.FromDays(30))).Request));
            waiting.Add((offer.Learner, offer.Skill));
        }

        await InsertAsync(engine.GetTable(TableMentoringStore.TableName), rows);

        var asks = population.Requests
            .Where(r => !waiting.Contains((r.Learner, r.Skill)))
            .Select(r => new AskForHelp(r.Learner, r.Skill, null, MeetingFormat.Call, Urgency.ThisMonth))
            .ToArray();
        return new FindSomeoneWorld(app, folder, asks);
    }

    /// <summary>One "Find someone" press by the next senior in turn, then the request it made is removed again.</summary>
    public async Task<AskOutcome> AskAsync()
    {
        var ask = _asks[_next++ % _asks.Length];
        var outcome = await Mentoring.AskAsync(ask, CancellationToken.None);
        var made = outcome switch
        {
            AskOutcome.CandidatesFound found => found.Request,
            AskOutcome.NoneAvailable none => none.Request,
            _ => throw new InvalidOperationException($"The benchmark's ask should reach matching, not {outcome.GetType().Name}."),
        };
        await _requests.DeleteAsync(made.Id, CancellationToken.None);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Mentorship Pair(int n, UserId mentor, UserId learner, SkillId skill, DateTimeOffset now) =>
        Mentorship.Start(new MentorshipId($"m-seed-{n}"), learner, mentor, skill, null, now.AddDays(-20), now.AddDays(70), Cadence.Default).Value! with { Tenant = Tenant };

    private static async Task InsertAsync(IEntityTable table, IEnumerable<TableEntity> rows)
    {
        foreach (var batch in rows.Chunk(EntityRules.MaxBatchOperations))
        {
            await table.ExecuteBatchAsync([.. batch.Select(BatchOperation.Insert)], CancellationToken.None);
        }
    }
}
