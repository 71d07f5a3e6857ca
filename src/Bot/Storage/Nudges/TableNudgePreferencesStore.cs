using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Bot.Proactive;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using NodaTime;
using NodaTime.Text;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Nudges;

/// <summary>
/// One row per person; only that person edits it (the settings dialog), so saves are upserts. The row names the tenant
/// the person was served as (<c>TenantId</c>, not in the JSON; decision 0235); a row from before tenants is the
/// default tenant's (0231).
/// </summary>
internal sealed partial class TableNudgePreferencesStore(ITableEngine engine, DefaultTenant? legacy = null) : INudgePreferencesStore, IPersonalDataStore
{
    public const string TableName = "nudgepreferences";
    public const string Partition = "preferences";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public async Task<NudgePreferences?> GetAsync(UserId user, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, user.AadObjectId, cancellationToken) is { } row
            && JsonSerializer.Deserialize(row["Data"].AsString(), NudgePreferencesJsonContext.Default.NudgePreferences) is { } preferences
            ? preferences with { Tenant = _legacy.InCore(row.GetString(ParentTenant.Property)) }
            : null;

    public async Task SaveAsync(NudgePreferences preferences, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, preferences.User.AadObjectId)
        {
            ["V"] = 1,
            ["Data"] = JsonSerializer.Serialize(preferences with { Tenant = null }, NudgePreferencesJsonContext.Default.NudgePreferences),
        };
        ParentTenant.Stamp(row, _legacy.Stored(preferences.Tenant)?.Value);
        if (preferences.SnoozedUntil is { } until)
        {
            row["SnoozedUntil"] = until;
        }

        await _table.UpsertAsync(row, cancellationToken);
    }

    public async Task DeleteAsync(UserId user, CancellationToken cancellationToken) =>
        await _table.DeleteAsync(Partition, user.AadObjectId, Core.Persistence.ETag.Any, cancellationToken);
}

/// <summary>NodaTime's <see cref="LocalTime"/> as ISO <c>HH:mm:ss</c>, as profiles store working hours (0031).</summary>
internal sealed class IsoLocalTimeJsonConverter : JsonConverter<LocalTime>
{
    public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LocalTimePattern.ExtendedIso.Parse(reader.GetString()!).GetValueOrThrow();

    public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalTimePattern.ExtendedIso.Format(value));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(IsoLocalTimeJsonConverter)])]
[JsonSerializable(typeof(NudgePreferences))]
internal sealed partial class NudgePreferencesJsonContext : JsonSerializerContext;
