using System.ComponentModel.DataAnnotations;

namespace MentorBot.Bot.Protocol;

/// <summary>How the bot proves who it is to the Connector (Bot Framework's <c>MicrosoftAppType</c>).</summary>
public enum MicrosoftAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}

/// <summary>
/// The Bot Framework's own configuration keys, read from the configuration root exactly as Bot Builder reads them
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// An empty app id means anonymous local development (Agents Playground, Emulator without credentials).
/// </summary>
public sealed class BotFrameworkOptions
{
    public MicrosoftAppType MicrosoftAppType { get; set; } = MicrosoftAppType.MultiTenant;

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
