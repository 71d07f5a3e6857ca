using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// Tokens whose signature, issuer and audience were already checked, keyed by the raw token string (Teams sends the
/// same token on every activity for about an hour). Only what depends on the token alone is remembered: the
/// authenticator still re-checks lifetime, endorsement for the activity's channel and the serviceUrl claim on every
/// request, and trusts an entry only while the metadata snapshot that verified it is still the current one.
/// Decision 0180.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity, TimeSpan timeToLive)
{
    private readonly ConcurrentDictionary<string, ValidatedToken> _entries = new(StringComparer.Ordinal);
    private int _count;

    public bool IsEnabled => timeToLive > TimeSpan.Zero && capacity > 0;

    public ValidatedToken? Find(string rawToken, DateTimeOffset now)
    {
        if (!IsEnabled || !_entries.TryGetValue(rawToken, out var entry))
        {
            return null;
        }

        if (entry.CachedUntil > now)
        {
            return entry;
        }

        Remove(rawToken);
        return null;
    }

    public void Add(string rawToken, ValidatedToken token, DateTimeOffset now)
    {
        if (!IsEnabled)
        {
            return;
        }

        // Bounded without an LRU: junk cannot get here (only validly signed tokens do), so a full cache means many real
        // callers; drop what expired, and if that is not enough start over rather than grow.
        if (Volatile.Read(ref _count) >= capacity)
        {
            foreach (var (key, value) in _entries)
            {
                if (value.CachedUntil <= now)
                {
                    Remove(key);
                }
            }

            if (Volatile.Read(ref _count) >= capacity)
            {
                _entries.Clear();
                Volatile.Write(ref _count, 0);
            }
        }

        var expires = token.Token.ValidTo == DateTime.MinValue
            ? now
            : new DateTimeOffset(token.Token.ValidTo, TimeSpan.Zero);
        var entry = token with { CachedUntil = Min(now + timeToLive, expires) };
        if (entry.CachedUntil > now && _entries.TryAdd(rawToken, entry))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private void Remove(string rawToken)
    {
        if (_entries.TryRemove(rawToken, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>A token that passed signature, issuer and audience validation against <see cref="Configuration"/>.</summary>
internal sealed record ValidatedToken(
    JsonWebToken Token,
    ClaimsIdentity Identity,
    TokenProfileRules Profile,
    EndorsedOpenIdConfiguration Configuration,
    DateTimeOffset CachedUntil);
