using System.Text.Json;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Protocol.Fakes;

/// <summary>Captured Teams activities (shapes from the msteams-docs examples) stored under Protocol/Activities.</summary>
internal static class TestActivities
{
    public const string BotId = "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c";
    public const string UserId = "29:1I9Is_Sx0OIy2rQ7Xz1lcaPKlO9eqmBRTBuW6XzXXXXXXXX";
    public const string UserAadObjectId = "f30ba569-abef-4e97-8762-35f85cbae706";
    public const string TenantId = "b7f9b5c2-8f3a-4b7e-9c6d-0a1b2c3d4e5f";
    public const string PersonalConversationId = "a:1Sk7sfv3MhjnX3KBdh5rOJrSWybTA2EDKI_Q7M3dpRtUmpKa1Bgk1_8HkVNiRR3SmpO2Ghqfz8HVUwf5dA2DRZUGsm0NMiXmRn7IAs7D2Cr3hHi0rwLfZhhGGphVZn03Xs";

    public static string Json(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Protocol", "Activities", name + ".json"));

    public static Activity Load(string name) =>
        JsonSerializer.Deserialize(Json(name), ProtocolJsonContext.Default.Activity)!;

    /// <summary>A personal-chat message from the test user to the bot.</summary>
    public static Activity Message(string text, string serviceUrl = "https://smba.trafficmanager.net/emea/") => new()
    {
        Type = ActivityTypes.Message,
        Id = "1668428301772",
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = UserId, Name = "Alex Wilber", AadObjectId = UserAadObjectId },
        Recipient = new ChannelAccount { Id = BotId, Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = PersonalConversationId, ConversationType = "personal", TenantId = TenantId },
        Text = text,
    };
}
