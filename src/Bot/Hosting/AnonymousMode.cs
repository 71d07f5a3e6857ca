using MentorBot.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Hosting;

/// <summary>Whether this host runs without a <c>MicrosoftAppId</c>, and whether it may (decision 0250).</summary>
public enum AnonymousModeStatus
{
    /// <summary>An app id is set: every request is authenticated.</summary>
    Off,

    /// <summary>No app id in Development or Testing: the Agents Playground and the Emulator work without set-up.</summary>
    LocalDevelopment,

    /// <summary>No app id elsewhere, allowed by <c>Bot:AllowAnonymousInProduction=true</c>; /healthz and the dashboard say so.</summary>
    AllowedInProduction,

    /// <summary>No app id elsewhere and no switch: the host refuses to start.</summary>
    Refused,
}

/// <summary>
/// Anonymous mode fails closed: without an app id anyone who can reach the host can act as anyone, so it runs only in
/// the Development or Testing environment, or behind a switch whose name says what it does.
/// </summary>
public sealed class AnonymousMode(IOptions<BotFrameworkOptions> bot, IOptions<BotOptions> options, IHostEnvironment? environment = null)
{
    public const string SwitchKey = "Bot:AllowAnonymousInProduction";

    /// <summary>Environments where anonymous mode is the expected local set-up.</summary>
    public static readonly IReadOnlyList<string> LocalEnvironments = [Environments.Development, "Testing"];

    private string EnvironmentName => environment?.EnvironmentName ?? Environments.Production;

    public AnonymousModeStatus Status =>
        !bot.Value.IsAnonymous ? AnonymousModeStatus.Off
        : LocalEnvironments.Any(e => string.Equals(e, EnvironmentName, StringComparison.OrdinalIgnoreCase)) ? AnonymousModeStatus.LocalDevelopment
        : options.Value.AllowAnonymousInProduction ? AnonymousModeStatus.AllowedInProduction
        : AnonymousModeStatus.Refused;

    /// <summary>The one sentence an operator reads when the host refuses to start; null when it may start.</summary>
    public string? Refusal => Status is AnonymousModeStatus.Refused
        ? $"MicrosoftAppId is empty in the '{EnvironmentName}' environment, which would let anyone who can reach " +
          $"this host act as any user; set MicrosoftAppId (with its credential), run as Development for local use, or set {SwitchKey}=true " +
          "only for a deliberate unauthenticated deployment."
        : null;

    /// <summary>What /healthz and the dashboard banner say while the switch is in use.</summary>
    public string? ProductionNotice => Status is AnonymousModeStatus.AllowedInProduction
        ? $"ANONYMOUS MODE IN PRODUCTION ({SwitchKey}=true): MicrosoftAppId is empty, requests are not authenticated and anyone who can reach this host can act as any user."
        : null;
}
