using MentorBot.Core;
using System.Globalization;
using System.Text;
using MentorBot.Benchmarks.Matching;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Benchmarks.Requests;

/// <summary>
/// <c>--seed-load &lt;folder&gt; &lt;people&gt;</c>: the company of <see cref="FindSomeoneWorld"/> written to a SQLite data folder
/// for <c>bench/load/turn-mix.sh</c>, through the product's composition, plus what the turn mix presses on:
/// offers waiting for the junior's answer (one per free seat, so every accept can start a pair) and a check-in that
/// already happened for each running pair (so every feedback is recorded). Writes <c>load-turns.tsv</c> beside the data:
/// one line per turn the Lua script may send (<c>kind, aadObjectId, arguments…</c>), shuffled, no personal data
/// beyond the synthetic names.
/// </summary>
internal static class LoadSeed
{
    /// <summary>Where bench/load/turn-mix.sh runs its Connector stub.</summary>
    public const string ConnectorStubUrl = "http://127.0.0.1:5199";

    /// <param name="connectionString">Azure Table storage (Azurite) instead of SQLite; the folder then only holds the list.</param>
    public static async Task RunAsync(TextWriter output, string folder, int people, string? connectionString = null)
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Storage:ConnectionString"] = connectionString,
        });
        builder.AddMentorBotProduct();
        await using var app = builder.Build();

        var engine = app.Services.GetRequiredService<ITableEngine>();
        foreach (var table in app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
        }

        var now = DateTimeOffset.UtcNow;
        var tenant = FindSomeoneWorld.Tenant;
        var population = SyntheticPopulation.Create(people, seed: 16);
        var snapshot = population.Snapshot;
        var profileStore = (TableProfileStore)app.Services.GetRequiredService<IProfileStore>();
        var mentoring = app.Services.GetRequiredService<TableMentoringStore>();
        var checkIns = app.Services.GetRequiredService<ICheckInStore>();
        await InsertAsync(engine.GetTable(TableProfileStore.TableName), snapshot.Profiles.Select(p => profileStore.ToEntity(p with
        {
            Tenant = tenant,
            // Roster facts read an hour ago, as for anyone who used MentorBot this week (decision 0360): a measured
            // turn does not look the person up in the roster again.
            Directory = new DirectoryFacts(null, now.AddHours(-1)),
        })));

        var random = new Random(16);
        var rows = new List<TableEntity>();
        var lines = new List<string>();
        var n = 0;
        var load = new Dictionary<UserId, int>();
        var pairs = new List<Mentorship>();
        foreach (var pair in snapshot.ActiveMentorships.Where(p => p.Mentor != p.Learner))
        {
            var started = Mentorship.Start(new MentorshipId($"m-seed-{++n}"), pair.Learner, pair.Mentor, pair.Skill, null, now.AddDays(-20), now.AddDays(70), Cadence.Default).Value! with { Tenant = tenant };
            rows.Add(mentoring.ToEntity(started));
            pairs.Add(started);
            load[pair.Mentor] = load.GetValueOrDefault(pair.Mentor) + 1;
        }

        // Accept: a junior with a free seat answers an offer from a senior outside their reporting line.
        var byId = snapshot.Profiles.ToDictionary(p => p.Id);
        var seniors = snapshot.Profiles.Where(p => p.CanLearn && p.Participation.IsActiveAt(now) && p.Level.Value >= 7).ToArray();
        var askers = new List<UserId>();
        foreach (var junior in snapshot.Profiles.Where(p => p.CanTeach && p.Capacity > 0 && p.Participation.IsActiveAt(now)))
        {
            for (var seat = load.GetValueOrDefault(junior.Id); seat < junior.Capacity; seat++)
            {
                var senior = seniors[random.Next(seniors.Length)];
                if (senior.Id == junior.Id || InLine(byId, senior, junior.Id) || InLine(byId, junior, senior.Id))
                {
                    continue;
                }

                var request = MentoringRequest.Create(new RequestId($"r-load-{++n}"), senior.Id, junior.Offers[0].Skill, null, MeetingFormat.Call, Urgency.ThisMonth, now.AddHours(-1)) with { Tenant = tenant };
                var offered = ((RequestTransition.Changed)request.OfferTo(junior.Id, now.AddHours(-1), TimeSpan.FromDays(30))).Request;
                rows.Add(mentoring.ToEntity(offered));
                askers.Add(senior.Id);
                lines.Add($"accept\t{junior.Id.AadObjectId}\t{offered.Id.Value}\t{offered.Offers.Count}");
            }
        }

        await InsertAsync(engine.GetTable(TableMentoringStore.TableName), rows);

        // Feedback: each running pair had a check-in yesterday; either side answers "we met" with a rating.
        foreach (var pair in pairs.Take(20_000))
        {
            var slot = new TimeSlot(now.AddDays(-1), now.AddDays(-1).AddMinutes(30));
            var checkIn = CheckIn.Propose(new CheckInId($"c-load-{++n}"), pair, 1, [slot], now.AddDays(-3)).Value!.Schedule(slot).Value!;
            await checkIns.InsertAsync(checkIn, CancellationToken.None);
            lines.Add($"feedback\t{pair.Senior.AadObjectId}\t{checkIn.Id.Value}");
            lines.Add($"feedback\t{pair.Junior.AadObjectId}\t{checkIn.Id.Value}");
        }

        // Find someone and free-text asks: consented people with a profile, a catalog skill they do not offer.
        var catalog = SkillCatalog.Default;
        foreach (var person in snapshot.Profiles.Where(p => p.Participation.IsActiveAt(now)))
        {
            foreach (var skill in catalog.Skills.Where(s => person.Offers.All(o => o.Skill != s.Id)).OrderBy(_ => random.Next()).Take(4))
            {
                lines.Add($"ask\t{person.Id.AadObjectId}\t{skill.Id.Value}");
            }

            lines.Add($"text\t{person.Id.AadObjectId}\tI'd like to learn {catalog.NameOf(person.Wants.Count > 0 ? person.Wants[0].Skill : catalog.Skills[0].Id)}");
        }

        // Everyone the driver sends a turn for, and the people of pairs and offers, can be reached (their nudges and
        // pairing messages go to the Connector stub once, as in production, instead of failing and retrying in the
        // background of every measurement). The reference is the one the driver's turns carry (turn-mix.lua: name
        // "Load User", en-US), as after a person's earlier turns, so a measured turn does not rewrite it: a steady
        // state, not everyone's first contact.
        var references = app.Services.GetRequiredService<IConversationReferenceStore>();
        var reachable = pairs.SelectMany(p => new[] { p.Senior, p.Junior })
            .Concat(lines.Select(l => new UserId(l.Split('\t')[1])))
            .Concat(askers)
            .Distinct();
        foreach (var person in reachable)
        {
            await references.SaveAsync(PersonKey.From(person), new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = ConnectorStubUrl,
                Conversation = new ConversationAccount { Id = $"a:load-{person.AadObjectId}", ConversationType = "personal", TenantId = tenant.Value },
                User = new ChannelAccount { Id = $"29:load-{person.AadObjectId}", Name = "Load User", AadObjectId = person.AadObjectId },
                Bot = new ChannelAccount { Id = "28:00000000-0000-4000-8000-0000000000b0", Name = "MentorBot" },
                Locale = "en-US",
            }, CancellationToken.None);
        }

        // The rows above went in raw, without the pointer rows the store writes with each step (decision 0186): one
        // lookup now writes them, as the first lookup after an upgrade would, so no measured turn pays for it.
        _ = await app.Services.GetRequiredService<IRequestStore>().ListBySeniorAsync(askers.Count > 0 ? askers[0] : snapshot.Profiles[0].Id, CancellationToken.None);

        var shuffled = lines.OrderBy(_ => random.Next()).ToArray();
        await File.WriteAllLinesAsync(Path.Combine(folder, "load-turns.tsv"), shuffled, new UTF8Encoding(false));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {people:N0} people, {pairs.Count:N0} running pairs, {shuffled.Count(l => l.StartsWith("accept", StringComparison.Ordinal)):N0} offers to accept, {Math.Min(pairs.Count, 20_000):N0} check-ins in {folder}"));
        SqliteConnection.ClearAllPools();
    }

    private static bool InLine(Dictionary<UserId, Profile> byId, Profile person, UserId other)
    {
        for (var (manager, depth) = (person.ManagerId, 0); manager is { } id && depth < 64; depth++)
        {
            if (id == other)
            {
                return true;
            }

            manager = byId.TryGetValue(id, out var next) ? next.ManagerId : null;
        }

        return false;
    }

    private static async Task InsertAsync(IEntityTable table, IEnumerable<TableEntity> rows)
    {
        // A batch holds one partition (Azure Table storage's rule; SQLite does not mind).
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(EntityRules.MaxBatchOperations)))
        {
            await table.ExecuteBatchAsync([.. batch.Select(BatchOperation.Insert)], CancellationToken.None);
        }
    }
}
