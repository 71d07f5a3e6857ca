using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol;

/// <summary>
/// Reads the Bot Framework keys from the configuration root under the names Bot Builder uses, accepting
/// <c>UserAssignedMSI</c> in any casing, and remembering an unrecognised app type so validation can name it.
/// </summary>
internal sealed class BotFrameworkOptionsSetup(IConfiguration configuration) : IConfigureOptions<BotFrameworkOptions>
{
    public void Configure(BotFrameworkOptions options)
    {
        options.MicrosoftAppId = Trimmed(configuration["MicrosoftAppId"]);
        options.MicrosoftAppPassword = Trimmed(configuration["MicrosoftAppPassword"]);
        options.MicrosoftAppTenantId = Trimmed(configuration["MicrosoftAppTenantId"]);

        var appType = Trimmed(configuration["MicrosoftAppType"]);
        if (appType is null)
        {
            options.MicrosoftAppType = MicrosoftAppType.MultiTenant;
        }
        else if (Enum.TryParse<MicrosoftAppType>(appType, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            options.MicrosoftAppType = parsed;
        }
        else
        {
            UnrecognisedAppType = appType;
        }
    }

    internal string? UnrecognisedAppType { get; private set; }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Fails start-up with a message that says which key to fix, instead of a 401 at the first message.</summary>
internal sealed class BotFrameworkOptionsValidator(BotFrameworkOptionsSetup setup) : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        if (setup.UnrecognisedAppType is { } unknown)
        {
            return ValidateOptionsResult.Fail(
                $"MicrosoftAppType '{unknown}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
        }

        if (options.IsAnonymous)
        {
            return string.IsNullOrEmpty(options.MicrosoftAppPassword)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("MicrosoftAppPassword is set but MicrosoftAppId is empty; set both or neither.");
        }

        var failures = new List<string>();
        switch (options.MicrosoftAppType)
        {
            case MicrosoftAppType.MultiTenant when options.MicrosoftAppPassword is null:
                failures.Add("MicrosoftAppType MultiTenant needs MicrosoftAppPassword (the client secret).");
                break;
            case MicrosoftAppType.SingleTenant:
                if (options.MicrosoftAppTenantId is null)
                {
                    failures.Add("MicrosoftAppType SingleTenant needs MicrosoftAppTenantId.");
                }

                if (options.MicrosoftAppPassword is null)
                {
                    failures.Add("MicrosoftAppType SingleTenant needs MicrosoftAppPassword (the client secret).");
                }

                break;
            case MicrosoftAppType.UserAssignedMsi:
                if (options.MicrosoftAppTenantId is null)
                {
                    failures.Add("MicrosoftAppType UserAssignedMSI needs MicrosoftAppTenantId.");
                }

                if (options.MicrosoftAppPassword is not null)
                {
                    failures.Add("MicrosoftAppType UserAssignedMSI must not have a MicrosoftAppPassword; the managed identity is the credential.");
                }

                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
