namespace MentorBot.Storage.Tests.Infrastructure;

/// <summary>Finds the repository root by walking up from the running assembly to the folder holding MentorBot.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentorBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MentorBot.sln above {AppContext.BaseDirectory}.");
    }
}
