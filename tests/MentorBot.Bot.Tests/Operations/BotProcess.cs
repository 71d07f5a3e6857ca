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
            var start = StartInfo(folder, settings, arguments);
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

    /// <summary>Starts the bot on <paramref name="port"/> and returns once <c>/healthz/live</c> answers.</summary>
    public static async Task<RunningBot> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("mentorbot-process-");
        var start = StartInfo(folder, settings, []);
        // "Urls" in appsettings.json outranks ASPNETCORE_URLS; a plain environment variable outranks the file.
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(start)!;
        var error = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => error.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new RunningBot(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            try
            {
                using var response = await bot.Client.GetAsync("healthz/live", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
            }
            catch (Exception) when (!timeout.IsCancellationRequested)
            {
                bot.Dispose();
                throw new InvalidOperationException($"The bot exited before it answered: {error}");
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static ProcessStartInfo StartInfo(DirectoryInfo folder, IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
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
            start.Environment["Urls"] = "http://127.0.0.1:0";
            start.Environment["Storage__DataFolder"] = Path.Combine(folder.FullName, "data");
            foreach (var key in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "APPLICATIONINSIGHTS_CONNECTION_STRING" })
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            return start;
        }
    }
}

internal sealed class RunningBot(Process process, DirectoryInfo folder, Uri baseAddress) : IDisposable
{
    public HttpClient Client { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        folder.Delete(recursive: true);
    }
}
