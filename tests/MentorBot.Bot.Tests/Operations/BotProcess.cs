using System.Diagnostics;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// Runs the real bot entry point (<c>dotnet MentorBot.Bot.dll</c>, copied beside the tests) in its own process with
/// the given settings as environment variables, in an empty working folder, and captures what an operator would see.
/// </summary>
internal sealed record BotProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> ErrorLines => Lines(StandardError);

    public IReadOnlyList<string> OutputLines => Lines(StandardOutput);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal static class BotProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<BotProcessResult> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("mentorbot-process-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MentorBot.Bot.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Development, so rules about anonymous mode in production do not add lines to the one under test;
            // loopback only, and no exporter unless a test asks for one.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Storage__DataFolder"] = Path.Combine(folder.FullName, "data");
            foreach (var key in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "APPLICATIONINSIGHTS_CONNECTION_STRING" })
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The bot did not exit within {Timeout}: {await output}{await error}");
            }

            return new BotProcessResult(process.ExitCode, await output, await error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
