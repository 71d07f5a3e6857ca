namespace MentorBot.Bot.Tests.Manifest;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "MentorBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MentorBot.sln above {AppContext.BaseDirectory}.");
    }
}
