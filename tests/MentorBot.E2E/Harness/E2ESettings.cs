namespace MentorBot.E2E.Harness;

/// <summary>The few knobs of a run, read from environment variables so CI and developers can turn them without code.</summary>
public sealed record E2ESettings(string Chromium, string ResultsRoot, StorageBackend Storage)
{
    public const string ChromiumVariable = "MENTORBOT_E2E_CHROMIUM";
    public const string ResultsVariable = "MENTORBOT_E2E_RESULTS";
    public const string StorageVariable = "MENTORBOT_E2E_STORAGE";

    /// <summary>Starting a process: generous, because CI machines are small and shared; a hang still ends.</summary>
    public static TimeSpan StartupTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>From navigation to a usable composer (≈ 3.5 s on an idle machine).</summary>
    public static TimeSpan PageTimeout { get; } = TimeSpan.FromSeconds(45);

    /// <summary>From an action in the browser to the bot's answer showing up (≈ 0.4 s on an idle machine).</summary>
    public static TimeSpan ReplyTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>A whole scenario, so a stuck one fails with its artifacts instead of hanging the run.</summary>
    public static TimeSpan ScenarioTimeout { get; } = TimeSpan.FromSeconds(180);

    /// <summary>How long "nothing arrives" is watched before it is believed.</summary>
    public static TimeSpan QuietPeriod { get; } = TimeSpan.FromSeconds(1.5);

    public static E2ESettings FromEnvironment(RepositoryLayout layout)
    {
        var chromium = Variable(ChromiumVariable) ?? "/usr/bin/chromium";
        var results = Variable(ResultsVariable) ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e");
        var storage = Variable(StorageVariable)?.ToLowerInvariant() switch
        {
            null or "azurite" => StorageBackend.Azurite,
            "sqlite" => StorageBackend.Sqlite,
            var other => throw new HarnessException($"{StorageVariable}={other} is not a storage backend; use azurite or sqlite."),
        };
        return new E2ESettings(chromium, Path.GetFullPath(results, layout.Root), storage);
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

/// <summary>
/// Azurite: the bot gets <c>Storage__ConnectionString</c> for a fresh in-memory Table service. SQLite: only a fresh
/// <c>Storage__DataFolder</c>, for machines without Node or to isolate a storage problem.
/// </summary>
public enum StorageBackend
{
    Azurite,
    Sqlite,
}
