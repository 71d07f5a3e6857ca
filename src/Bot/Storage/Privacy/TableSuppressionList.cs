using System.Security.Cryptography;
using System.Text;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Storage.Privacy;

/// <summary>The <c>Privacy</c> section.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Secret salt for the suppression hashes (at least 16 characters; user secrets or the environment, never
    /// appsettings.json). Unset: a random salt is generated once and kept in the suppression table, which is enough
    /// unless the table may be copied somewhere the object ids are known (decision 0291).
    /// </summary>
    public string? SuppressionSalt { get; set; }
}

internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options) =>
        options.SuppressionSalt is { } salt && Encoding.UTF8.GetByteCount(salt) < SuppressionHash.MinSaltBytes
            ? ValidateOptionsResult.Fail($"Privacy:SuppressionSalt must be at least {SuppressionHash.MinSaltBytes} characters long; leave it unset to let MentorBot generate one.")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Forgotten people as rows keyed by <see cref="SuppressionHash"/> with no other property (decision 0291): partition
/// <c>erased</c>, row = the hash. The generated salt, when none is configured, lives in partition <c>salt</c>.
/// </summary>
[HoldsNoPersonalData("Only salted one-way hashes of forgotten people's object ids, kept on purpose so an import does not bring them back (decision 0291).")]
internal sealed class TableSuppressionList(ITableEngine engine, IOptions<PrivacyOptions> options) : ISuppressionList
{
    public const string TableName = "suppressions";

    private const string ErasedPartition = "erased";
    private const string SaltPartition = "salt";
    private const string SaltRow = "salt";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private byte[]? _salt;

    public async Task AddAsync(UserId person, CancellationToken cancellationToken) =>
        await _table.UpsertAsync(new TableEntity(ErasedPartition, await HashAsync(person, cancellationToken)), cancellationToken);

    public async Task<bool> ContainsAsync(UserId person, CancellationToken cancellationToken) =>
        await _table.GetAsync(ErasedPartition, await HashAsync(person, cancellationToken), cancellationToken) is not null;

    public async Task RemoveAsync(UserId person, CancellationToken cancellationToken) =>
        await _table.DeleteAsync(ErasedPartition, await HashAsync(person, cancellationToken), ETag.Any, cancellationToken);

    private async Task<string> HashAsync(UserId person, CancellationToken cancellationToken) =>
        SuppressionHash.Of(_salt ??= await SaltAsync(cancellationToken), person);

    private async Task<byte[]> SaltAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SuppressionSalt is { Length: > 0 } configured)
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        if (await _table.GetAsync(SaltPartition, SaltRow, cancellationToken) is { } stored)
        {
            return Convert.FromBase64String(stored["Salt"].AsString());
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            await _table.InsertAsync(new TableEntity(SaltPartition, SaltRow) { ["Salt"] = Convert.ToBase64String(fresh) }, cancellationToken);
            return fresh;
        }
        catch (ConcurrencyConflictException conflict) when (conflict.Kind == ConcurrencyConflictKind.EntityExists)
        {
            // Another instance generated one first: everyone must use the same salt.
            return Convert.FromBase64String((await _table.GetAsync(SaltPartition, SaltRow, cancellationToken))!["Salt"].AsString());
        }
    }

    /// <summary>The options and validator; both the storage and the in-memory fallback call this.</summary>
    public static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
    }
}
