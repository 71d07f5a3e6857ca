namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>Issuers and default metadata per cloud (bot-framework-protocol.md §3.2, §3.3).</summary>
internal sealed record BotCloudEndpoints(
    Uri ChannelMetadataUrl,
    string ChannelIssuer,
    Uri EntraMetadataUrl,
    IReadOnlyList<string> FixedEntraIssuers,
    string TenantIssuerV1Format,
    string TenantIssuerV2Format)
{
    // Bot Framework (botframework.com), Microsoft Services and Azure Bot Service tenants: Emulator and
    // Bot Framework-brokered tokens. They are signed for our app id by Bot Framework infrastructure.
    private const string BotFrameworkTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";
    private const string MicrosoftServicesTenant = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
    private const string AzureBotServiceTenant = "69e9b82d-4842-4902-8d1e-abc5b98a55e8";
    private const string GovernmentBotFrameworkTenant = "cab8a31a-1906-4287-a0d8-4eef66b95f6e";

    public static readonly BotCloudEndpoints Public = new(
        new Uri("https://login.botframework.com/v1/.well-known/openidconfiguration"),
        "https://api.botframework.com",
        new Uri("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"),
        [
            $"https://sts.windows.net/{BotFrameworkTenant}/",
            $"https://login.microsoftonline.com/{BotFrameworkTenant}/v2.0",
            $"https://sts.windows.net/{MicrosoftServicesTenant}/",
            $"https://login.microsoftonline.com/{MicrosoftServicesTenant}/v2.0",
            $"https://sts.windows.net/{AzureBotServiceTenant}/",
            $"https://login.microsoftonline.com/{AzureBotServiceTenant}/v2.0",
        ],
        "https://sts.windows.net/{0}/",
        "https://login.microsoftonline.com/{0}/v2.0");

    public static readonly BotCloudEndpoints UsGovernment = new(
        new Uri("https://login.botframework.azure.us/v1/.well-known/openidconfiguration"),
        "https://api.botframework.us",
        new Uri($"https://login.microsoftonline.us/{GovernmentBotFrameworkTenant}/v2.0/.well-known/openid-configuration"),
        [
            $"https://sts.windows.net/{GovernmentBotFrameworkTenant}/",
            $"https://login.microsoftonline.us/{GovernmentBotFrameworkTenant}/v2.0",
        ],
        "https://login.microsoftonline.us/{0}/",
        "https://login.microsoftonline.us/{0}/v2.0");

    public static BotCloudEndpoints For(BotCloud cloud) => cloud switch
    {
        BotCloud.UsGovernment => UsGovernment,
        _ => Public,
    };
}
