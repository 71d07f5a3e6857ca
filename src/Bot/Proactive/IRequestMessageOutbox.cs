using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Nudges;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// The messages requests recorded with their steps (decision 0306), as an outbox the dispatcher leases from like the
/// nudge outbox: items of kind <see cref="NudgeKind.Message"/> whose <see cref="NudgeOutboxItem.Message"/> is a
/// <see cref="RequestMessage"/> (<see cref="RequestMessageJson"/>). Nothing is enqueued here: the request store writes
/// them in the same transaction as the request.
/// </summary>
public interface IRequestMessageOutbox : INudgeOutbox
{
    /// <summary>Leases these items if they are still pending and nobody holds them (the send right after the step).</summary>
    Task<IReadOnlyList<NudgeLease>> LeaseAsync(
        IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>
    /// The retention sweep (decision 0320): deletes settled messages (sent, dropped, dead-lettered) last due before
    /// <paramref name="dueBefore"/>; never a pending one. Returns how many went.
    /// </summary>
    Task<int> DeleteSettledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken);
}

/// <summary>How a <see cref="RequestMessage"/> is written into an outbox item.</summary>
public static class RequestMessageJson
{
    public static NudgeOutboxItem ToItem(RequestMessage message) => new(
        new NudgeKey(message.Key),
        message.Recipient,
        NudgeKind.Message,
        message.At,
        NudgeOutboxItem.NoPairing,
        Message: Write(message));

    public static string Write(RequestMessage message) => JsonSerializer.Serialize(message, RequestMessageJsonContext.Default.RequestMessage);

    public static RequestMessage? Read(NudgeOutboxItem item) =>
        item is { Kind: NudgeKind.Message, Message: { } json } ? JsonSerializer.Deserialize(json, RequestMessageJsonContext.Default.RequestMessage) : null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestMessage))]
internal sealed partial class RequestMessageJsonContext : JsonSerializerContext;
