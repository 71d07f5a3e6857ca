using System.Diagnostics;

namespace MentorBot.Bot.Tests.Manifest;

/// <summary>Runs one of the repository's node/bash tools to completion and captures what it printed.</summary>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public string Output => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    public static async Task<ToolRun> StartAsync(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}; is it installed and on PATH?");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new ToolRun(process.ExitCode, await standardOutput, await standardError);
    }

    public static Task<ToolRun> NodeAsync(string script, params string[] arguments) =>
        StartAsync("node", [RepositoryRoot.Combine("tools", script), .. arguments]);
}
