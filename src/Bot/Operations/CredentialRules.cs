using MentorBot.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

/// <summary>
/// Bot Framework credential mistakes the protocol's own validator lets through because they look like anonymous mode
/// or like a setting we do not read: a tenant or managed-identity type without the app id it belongs to, and
/// certificate settings (this host authenticates with a client secret or a managed identity only).
/// Whether anonymous mode itself is allowed is the hosting rules' decision, not this one's.
/// </summary>
internal sealed class CredentialRules(IConfiguration configuration) : IValidateOptions<BotFrameworkOptions>
{
    private static readonly string[] CertificateKeys =
    [
        "MicrosoftAppCertificateThumbprint", "MicrosoftAppCertificateSubjectName", "MicrosoftAppCertificate",
        "CertificateThumbprint", "CertificateSubjectName",
    ];

    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        if (options.IsAnonymous)
        {
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                failures.Add("MicrosoftAppTenantId is set but MicrosoftAppId is empty; set MicrosoftAppId to the bot's app (client) id.");
            }

            if (options.MicrosoftAppType != MicrosoftAppType.MultiTenant)
            {
                failures.Add($"MicrosoftAppType {Spelled(options.MicrosoftAppType)} needs MicrosoftAppId ({IdMeaning(options.MicrosoftAppType)}).");
            }
        }

        foreach (var key in CertificateKeys.Where(k => !string.IsNullOrWhiteSpace(configuration[k])))
        {
            failures.Add($"{key} is set, but certificates are not supported: use MicrosoftAppPassword (SingleTenant, MultiTenant) or MicrosoftAppType UserAssignedMSI, and remove {key}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Spelled(MicrosoftAppType type) => type == MicrosoftAppType.UserAssignedMsi ? "UserAssignedMSI" : type.ToString();

    private static string IdMeaning(MicrosoftAppType type) =>
        type == MicrosoftAppType.UserAssignedMsi ? "the managed identity's client id" : "the bot's app (client) id";
}
