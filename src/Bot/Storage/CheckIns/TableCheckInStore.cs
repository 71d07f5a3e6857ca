using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using MentorBot.Core;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Storage.CheckIns;

/// <summary>
/// Check-ins in one partition (row = check-in id), stored whole as JSON with the pairing and status as properties to
/// filter on. One partition keeps "every check-in of a pairing" a single query and lets the .ics download find a
/// check-in by id alone; a program has thousands of check-ins, not millions. Check-in, feedback and review rows carry
/// their pairing's <c>TenantId</c> (decision 0234). What a change must tell people is written as message rows
/// <c>o|{key}</c> in the same partition, in the same batch as the check-in (<see cref="MessageRows"/>, decision 0320).
/// </summary>
internal sealed partial class TableCheckInStore(ITableEngine engine) : ICheckInStore, IPersonalDataStore
{
    public const string TableName = "checkins";
    private const string Partition = "checkin";
    private const string CheckInKind = "checkin";
    private const string FeedbackKind = "feedback";
    private const string ReviewKind = "review";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfMentorships(engine);
    private MessageRows? _messageRows;

    /// <summary>This partition's message rows, leased and settled by <see cref="TableMessageOutbox"/>.</summary>
    internal MessageRows Messages => _messageRows ??= new MessageRows(_table, Partition);

    public async Task<Versioned<CheckIn>?> GetAsync(CheckInId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, TableKeys.Escape(id.Value), cancellationToken) is { } entity ? ToCheckIn(entity) : null;

    public async Task<ETag> InsertAsync(CheckIn checkIn, CancellationToken cancellationToken) =>
        await _table.InsertAsync(await StampedAsync(checkIn, cancellationToken), cancellationToken);

    public async Task<ETag> ReplaceAsync(CheckIn checkIn, ETag ifMatch, CancellationToken cancellationToken) =>
        await _table.ReplaceAsync(await StampedAsync(checkIn, cancellationToken), ifMatch, cancellationToken);

    public Task<ETag> InsertAsync(CheckIn checkIn, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        WriteWithMessagesAsync(checkIn, BatchOperation.Insert, messages, cancellationToken);

    public Task<ETag> ReplaceAsync(CheckIn checkIn, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        WriteWithMessagesAsync(checkIn, row => BatchOperation.Replace(row, ifMatch), messages, cancellationToken);

    private async Task<ETag> WriteWithMessagesAsync(
        CheckIn checkIn, Func<TableEntity, BatchOperation> write, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var stamped = await StampedAsync(checkIn, cancellationToken);
        var tenant = stamped.GetString(ParentTenant.Property);
        var rows = messages.Select(message =>
        {
            // The pairing names both people for erasure (forget-me removes every row of their pairings).
            var row = Messages.NewRow(message);
            row["Mentorship"] = checkIn.MentorshipId.Value;
            ParentTenant.Stamp(row, tenant);
            return BatchOperation.Insert(row);
        });
        var etags = await _table.ExecuteBatchAsync([write(stamped), .. rows], cancellationToken);
        return etags[0] ?? throw new InvalidDataException("The batch returned no ETag for the check-in.");
    }

    public async Task<ETag> RecordFeedbackAsync(CheckIn checkIn, ETag ifMatch, CheckInFeedback feedback, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, TableKeys.Escape($"f|{feedback.CheckInId.Value}|{feedback.From.AadObjectId}"))
        {
            ["Kind"] = FeedbackKind,
            ["Mentorship"] = feedback.MentorshipId.Value,
            ["Json"] = JsonSerializer.Serialize(feedback, CheckInJsonContext.Default.CheckInFeedback),
        };
        var stamped = await StampedAsync(checkIn, cancellationToken);
        ParentTenant.Stamp(row, stamped.GetString(ParentTenant.Property));
        var etags = await _table.ExecuteBatchAsync([BatchOperation.Replace(stamped, ifMatch), BatchOperation.Upsert(row)], cancellationToken);
        return etags[0] ?? throw new InvalidDataException("The batch returned no ETag for the check-in.");
    }

    public async Task<IReadOnlyList<CheckInFeedback>> ListFeedbackAsync(MentorshipId mentorship, CancellationToken cancellationToken) =>
        (await ListRowsAsync(mentorship, cancellationToken))
            .Where(e => e.Properties.ContainsKey("Kind") && e["Kind"].AsString() == FeedbackKind)
            .Select(e => JsonSerializer.Deserialize(e["Json"].AsString(), CheckInJsonContext.Default.CheckInFeedback)!)
            .OrderBy(f => f.SubmittedAt)
            .ToList();

    public async Task SaveReviewAsync(PeriodReview review, CancellationToken cancellationToken) =>
        await _table.UpsertAsync(
            await _tenant.StampAsync(
                new TableEntity(Partition, TableKeys.Escape($"r|{review.MentorshipId.Value}|{review.From.AadObjectId}|{review.At.UtcTicks}"))
                {
                    ["Kind"] = ReviewKind,
                    ["Mentorship"] = review.MentorshipId.Value,
                    ["Json"] = JsonSerializer.Serialize(review, CheckInJsonContext.Default.PeriodReview),
                },
                review.MentorshipId,
                cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<PeriodReview>> ListReviewsAsync(MentorshipId mentorship, CancellationToken cancellationToken) =>
        (await ListRowsAsync(mentorship, cancellationToken))
            .Where(e => e.Properties.ContainsKey("Kind") && e["Kind"].AsString() == ReviewKind)
            .Select(e => JsonSerializer.Deserialize(e["Json"].AsString(), CheckInJsonContext.Default.PeriodReview)!)
            .OrderBy(r => r.At)
            .ToList();

    public async Task<IReadOnlyList<CheckIn>> ListAsync(MentorshipId mentorship, CancellationToken cancellationToken) =>
        (await ListRowsAsync(mentorship, cancellationToken))
            .Where(e => !e.Properties.ContainsKey("Kind") || e["Kind"].AsString() == CheckInKind)
            .Select(e => ToCheckIn(e).Value).OrderBy(c => c.Number).ThenBy(c => c.CreatedAt).ToList();

    public async Task<int> DeleteAllAsync(MentorshipId mentorship, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var row in await ListRowsAsync(mentorship, cancellationToken))
        {
            removed += await _table.DeleteAsync(row.PartitionKey, row.RowKey, ETag.Any, cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    private Task<List<TableEntity>> ListRowsAsync(MentorshipId mentorship, CancellationToken cancellationToken) =>
        _table.QueryAllAsync(Partition, EntityFilter.Equal("Mentorship", EntityProperty.String(mentorship.Value)), cancellationToken);

    private Task<TableEntity> StampedAsync(CheckIn checkIn, CancellationToken cancellationToken) =>
        _tenant.StampAsync(ToEntity(checkIn), checkIn.MentorshipId, cancellationToken);

    private static TableEntity ToEntity(CheckIn checkIn) => new(Partition, TableKeys.Escape(checkIn.Id.Value))
    {
        ["Kind"] = CheckInKind,
        ["Mentorship"] = checkIn.MentorshipId.Value,
        ["Status"] = checkIn.Status.ToString(),
        ["Json"] = JsonSerializer.Serialize(checkIn, CheckInJsonContext.Default.CheckIn),
    };

    private static Versioned<CheckIn> ToCheckIn(TableEntity entity) => new(
        JsonSerializer.Deserialize(entity["Json"].AsString(), CheckInJsonContext.Default.CheckIn)
            ?? throw new InvalidDataException($"Check-in row {entity.RowKey} holds no check-in."),
        entity.ETag ?? throw new InvalidDataException($"Check-in row {entity.RowKey} came back without an ETag."));
}

/// <summary>Check-ins and feedback stored whole as JSON (enums by name).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CheckIn))]
[JsonSerializable(typeof(CheckInFeedback))]
[JsonSerializable(typeof(PeriodReview))]
internal sealed partial class CheckInJsonContext : JsonSerializerContext;
