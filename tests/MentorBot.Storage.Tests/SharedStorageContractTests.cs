using System.Diagnostics;
using System.Globalization;
using MentorBot.Bot.Storage;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Storage.Writer;

namespace MentorBot.Storage.Tests;

/// <summary>The contract plus what only shared storage can show: a second OS process racing on the same data.</summary>
public abstract class SharedStorageContractTests : TableEngineContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The writer process's backend arguments: <c>sqlite &lt;file&gt;</c> or <c>azure &lt;connection string&gt;</c>, then the table prefix.</summary>
    internal abstract string[] WriterBackendArguments { get; }

    [Fact]
    public async Task TwoProcesses_ConditionalIncrementsOnOneEntity_NoLostUpdates()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("c", "counter") { [CounterLoop.Property] = 0 }, None);
        const int increments = 25;
        var logicalName = table.Name[TablePrefix.Length..];

        var processes = new[] { RunWriterAsync(logicalName, increments), RunWriterAsync(logicalName, increments) };
        var local = Task.Run(() => CounterLoop.RunAsync(table, "c", "counter", increments, None));
        var remote = await Task.WhenAll(processes);
        var mine = await local;
        var final = (await table.GetAsync("c", "counter", None))![CounterLoop.Property].AsInt32();

        Assert.Equal(3 * increments, final);
        Assert.Equal(final, remote.Sum(r => r.Successes) + mine.Successes);
    }

    internal abstract string TablePrefix { get; }

    private async Task<CounterResult> RunWriterAsync(string table, int increments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WriterAssemblyPath());
        foreach (var arg in WriterBackendArguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { table, "c", "counter", increments.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The writer process did not finish in 2 minutes.");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"writer exited {process.ExitCode}: {output} {await stderr}");
        var line = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Split(' ');
        return new CounterResult(int.Parse(line[1], CultureInfo.InvariantCulture), int.Parse(line[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The writer's own build output (same configuration and framework as this test assembly).</summary>
    private static string WriterAssemblyPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Find(), "tests", "MentorBot.Storage.Writer", "bin", configuration, framework, "MentorBot.Storage.Writer.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/MentorBot.Storage.Writer first.", path);
    }
}
