namespace MentorBot.Core.Tenants;

/// <summary>
/// The Entra tenant (directory) a person, a program and everything about them belong to: Teams'
/// <c>channelData.tenant.id</c> / <c>conversation.tenantId</c> of the validated activity, never a card's body.
/// Kept lower-case, so the same GUID written in two casings is one tenant.
/// </summary>
public readonly record struct TenantId
{
    public TenantId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value.Trim().ToLowerInvariant();
    }

    public string Value { get; }

    /// <summary>
    /// The tenant anonymous local development uses when an activity names none (the Emulator, a hand-written POST):
    /// one fixed id, so a developer's data stays together across restarts. Never a real directory.
    /// </summary>
    public static TenantId LocalDevelopment { get; } = new("00000000-0000-0000-0000-00000000d0e5");

    /// <summary>The tenant named by <paramref name="value"/>, or null when there is none.</summary>
    public static TenantId? From(string? value) => string.IsNullOrWhiteSpace(value) ? null : new TenantId(value);

    public override string ToString() => Value;
}
