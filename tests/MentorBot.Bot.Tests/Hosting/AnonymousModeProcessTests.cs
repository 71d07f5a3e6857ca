using System.Diagnostics;
using System.Reflection;
using System.Text;
using MentorBot.Bot.Tests.Manifest;

namespace MentorBot.Bot.Tests.Hosting;

/// <summary>
/// Black box: the built bot (<c>dotnet src/Bot/bin/…/MentorBot.Bot.dll</c>, as a deployment starts it) with an empty
/// app id. It fails closed outside Development and Testing (decision 0250).
/// </summary>
public sealed class AnonymousModeProcessTests : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);

    private readonly TemporaryFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Start_ProductionWithoutAppId_ExitsNonZeroNamingTheSetting()
    {
        using var bot = Start("Production");

        using var timeout = new CancellationTokenSource(ExitWithin);
        await bot.Process.WaitForExitAsync(timeout.Token);

        var output = bot.Output;
        Assert.NotEqual(0, bot.Process.ExitCode);
        Assert.Contains("MicrosoftAppId", output, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowAnonymousInProduction", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutAppId_StartsWithOneWarning()
    {
        using var bot = Start("Development");

        await bot.WaitForAsync("Application started", ExitWithin);
        bot.Stop();

        var output = bot.Output;
        Assert.Equal(1, Count(output, "accepted anonymously"));
        Assert.Contains("Hosting environment: Development", output, StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private BotRun Start(string environment)
    {
        var configuration = typeof(AnonymousModeProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = RepositoryRoot.Combine("src", "Bot", "bin", configuration, "net10.0");
        var assembly = Path.Combine(folder, "MentorBot.Bot.dll");
        Assert.True(File.Exists(assembly), $"The bot is not built: {assembly} is missing (dotnet build MentorBot.sln -c {configuration}).");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", "http://127.0.0.1:0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppTenantId"] = "",
            ["Storage__DataFolder"] = _data.Path,
            ["Storage__ConnectionString"] = "",
            ["Nudges__Enabled"] = "false",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key] = value;
        }

        // Whatever the developer's shell exports, the switch is off.
        startInfo.Environment.Remove("Bot__AllowAnonymousInProduction");

        return new BotRun(Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    private sealed class BotRun : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _streamsOpen = 2;

        public BotRun(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                // Both streams must have ended before the text is complete.
                _exited.Task.Wait(TimeSpan.FromSeconds(10));
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task WaitForAsync(string line, TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (true)
            {
                lock (_output)
                {
                    if (_output.ToString().Contains(line, StringComparison.Ordinal))
                    {
                        return;
                    }
                }

                Assert.False(Process.HasExited, $"The bot exited before '{line}':\n{_output}");
                await Task.Delay(100, timeout.Token);
            }
        }

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.WaitForExit();
        }

        public void Dispose()
        {
            Stop();
            Process.Dispose();
        }

        private void Append(string? data)
        {
            if (data is null)
            {
                if (Interlocked.Decrement(ref _streamsOpen) == 0)
                {
                    _exited.TrySetResult();
                }

                return;
            }

            lock (_output)
            {
                _output.AppendLine(data);
            }
        }
    }
}
