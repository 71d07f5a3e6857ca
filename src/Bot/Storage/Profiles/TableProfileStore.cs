using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using NodaTime;
using NodaTime.Text;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Profiles;

/// <summary>
/// Profiles in one partition keyed by the person's Entra object id (decision 0031): point reads by id, and the
/// whole roster in key order for matching. Scalar fields are properties (filterable, readable in Storage
/// Explorer); the lists are JSON. <c>TenantId</c> is a property too (decision 0230): a tenant's roster is one
/// server-side filter; a row without it (written before tenants) is the default tenant's (decision 0231).
/// </summary>
internal sealed partial class TableProfileStore(ITableEngine engine, DefaultTenant? legacy = null) : IProfileStore, IPersonalDataStore
{
    public const string TableName = "profiles";
    public const string Partition = "profile";

    private const int SchemaVersion = 1;

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public async Task<Versioned<Profile>?> GetAsync(UserId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, id.AadObjectId, cancellationToken) is { } entity ? ToVersioned(entity) : null;

    public Task<ETag> InsertAsync(Profile profile, CancellationToken cancellationToken) =>
        _table.InsertAsync(ToEntity(profile), cancellationToken);

    public Task<ETag> ReplaceAsync(Profile profile, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.ReplaceAsync(ToEntity(profile), ifMatch, cancellationToken);

    public Task DeleteAsync(UserId id, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.DeleteAsync(Partition, id.AadObjectId, ifMatch, cancellationToken);

    public async Task<Page<Versioned<Profile>>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await _table.QueryAsync(Partition, null, pageSize, continuationToken, cancellationToken);
        return new Page<Versioned<Profile>>(page.Items.Select(ToVersioned).ToList(), page.ContinuationToken);
    }

    public async Task<Page<Versioned<Profile>>> ListInTenantAsync(TenantId? tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        // Table filters cannot ask for a missing property, so the default tenant (which owns the rows from before
        // tenants) reads the partition and keeps its own; every other tenant is one indexed-property filter.
        tenant = _legacy.InCore(tenant);
        var filter = tenant is { } id ? EntityFilter.Equal(TenantProperty, id.Value) : null;
        var page = await _table.QueryAsync(Partition, filter, pageSize, continuationToken, cancellationToken);
        return new Page<Versioned<Profile>>([.. page.Items.Select(ToVersioned).Where(p => p.Value.Tenant == tenant)], page.ContinuationToken);
    }

    internal const string TenantProperty = "TenantId";

    internal TableEntity ToEntity(Profile profile)
    {
        var entity = new TableEntity(Partition, profile.Id.AadObjectId)
        {
            ["V"] = SchemaVersion,
            ["DisplayName"] = profile.DisplayName,
            ["Level"] = profile.Level.Value,
            ["TimeZoneId"] = profile.TimeZoneId,
            ["Capacity"] = profile.Capacity,
            ["Role"] = profile.Role.ToString(),
            ["Participation"] = profile.Participation.State.ToString(),
            ["WorkingHours"] = JsonSerializer.Serialize(
                new WorkingHoursDocument(profile.WorkingHours.Days, Time(profile.WorkingHours.Start), Time(profile.WorkingHours.End)),
                ProfileJsonContext.Default.WorkingHoursDocument),
            ["Languages"] = JsonSerializer.Serialize(profile.Languages, ProfileJsonContext.Default.IReadOnlyListString),
            ["Offers"] = JsonSerializer.Serialize(
                profile.Offers.Select(o => new SkillDocument(o.Skill.Value, o.Level, null)).ToList(), ProfileJsonContext.Default.ListSkillDocument),
            ["Wants"] = JsonSerializer.Serialize(
                profile.Wants.Select(w => new SkillDocument(w.Skill.Value, w.Current, w.Target)).ToList(), ProfileJsonContext.Default.ListSkillDocument),
        };
        SetIfPresent(entity, "Email", profile.Email);
        SetIfPresent(entity, "Department", profile.Department);
        SetIfPresent(entity, "ManagerId", profile.ManagerId?.AadObjectId);
        SetIfPresent(entity, "TeamsId", profile.TeamsId?.Value);
        SetIfPresent(entity, "Language", profile.Language);
        SetIfPresent(entity, TenantProperty, _legacy.Stored(profile.Tenant)?.Value);
        SetIfPresent(entity, "UserPrincipalName", profile.Directory?.UserPrincipalName);
        if (profile.LineAbove.Count > 0)
        {
            entity["LineAbove"] = JsonSerializer.Serialize(profile.LineAbove.Select(m => m.AadObjectId).ToList(), ProfileJsonContext.Default.IReadOnlyListString);
        }
        if (profile.Directory is { } directory)
        {
            entity["DirectoryCheckedAt"] = directory.CheckedAt;
        }

        if (profile.Participation.PausedUntil is { } pausedUntil)
        {
            entity["PausedUntil"] = pausedUntil;
        }

        return entity;
    }

    internal Versioned<Profile> ToVersioned(TableEntity entity)
    {
        var hours = JsonSerializer.Deserialize(entity["WorkingHours"].AsString(), ProfileJsonContext.Default.WorkingHoursDocument)!;
        var offers = JsonSerializer.Deserialize(entity["Offers"].AsString(), ProfileJsonContext.Default.ListSkillDocument)!;
        var wants = JsonSerializer.Deserialize(entity["Wants"].AsString(), ProfileJsonContext.Default.ListSkillDocument)!;
        var profile = new Profile(
            new UserId(entity.RowKey),
            entity["DisplayName"].AsString(),
            entity.GetString("Email"),
            entity.GetString("Department"),
            entity.GetString("ManagerId") is { } manager ? new UserId(manager) : null,
            new CareerLevel(entity["Level"].AsInt32()),
            entity["TimeZoneId"].AsString(),
            new WorkingHours(hours.Days, ParseTime(hours.Start), ParseTime(hours.End)),
            JsonSerializer.Deserialize(entity["Languages"].AsString(), ProfileJsonContext.Default.IReadOnlyListString)!,
            entity["Capacity"].AsInt32(),
            new Participation(
                Enum.Parse<ParticipationState>(entity["Participation"].AsString()),
                entity.TryGet("PausedUntil", out var until) ? until.AsDateTime() : null),
            Enum.Parse<ProgramRole>(entity["Role"].AsString()),
            offers.Select(o => new OfferedSkill(new SkillId(o.Skill), o.Level)).ToList(),
            wants.Select(w => new WantedSkill(new SkillId(w.Skill), w.Level, w.Target ?? w.Level)).ToList(),
            entity.GetString("TeamsId") is { } teamsId ? new TeamsUserId(teamsId) : null)
        {
            Tenant = _legacy.InCore(entity.GetString(TenantProperty)),
            Directory = entity.TryGet("DirectoryCheckedAt", out var checkedAt)
                ? new DirectoryFacts(entity.GetString("UserPrincipalName"), checkedAt.AsDateTime())
                : null,
            Language = entity.GetString("Language"),
            LineAbove = entity.GetString("LineAbove") is { } line
                ? [.. JsonSerializer.Deserialize(line, ProfileJsonContext.Default.IReadOnlyListString)!.Select(m => new UserId(m))]
                : [],
        };
        return new Versioned<Profile>(profile, entity.ETag ?? throw new InvalidOperationException("Storage returned an entity without an ETag."));
    }

    private static void SetIfPresent(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static string Time(LocalTime time) => LocalTimePattern.ExtendedIso.Format(time);

    private static LocalTime ParseTime(string text) => LocalTimePattern.ExtendedIso.Parse(text).GetValueOrThrow();
}

internal sealed record WorkingHoursDocument(IReadOnlyList<IsoDayOfWeek> Days, string Start, string End);

/// <summary>An offered skill (no target) or a wanted one (level = current, target = goal).</summary>
internal sealed record SkillDocument(string Skill, SkillLevel Level, SkillLevel? Target);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkingHoursDocument))]
[JsonSerializable(typeof(List<SkillDocument>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
