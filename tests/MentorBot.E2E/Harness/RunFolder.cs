using System.Globalization;

namespace MentorBot.E2E.Harness;

/// <summary>
/// <c>TestResults/e2e/&lt;run&gt;/</c>: every process log, the configs the harness wrote, scratch data, and on failure
/// the screenshots. A run holds an exclusive lock on its folder while alive, so the next run can tell a crashed run
/// (lock free) from one still going, stop the processes the crashed run left behind, and prune old folders.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private const string LockFileName = ".lock";
    private const string ProcessesFileName = "processes.txt";
    private const int RunsKept = 5;

    private readonly FileStream _lock;
    private readonly Lock _processesGate = new();

    private RunFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public string Scratch => System.IO.Path.Combine(Path, "scratch");

    public static RunFolder Create(string resultsRoot)
    {
        Directory.CreateDirectory(resultsRoot);
        CleanUpAfterCrashedRuns(resultsRoot);

        // Collections run in parallel and may each open a run in the same second: a random tail keeps them apart.
        var name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        var path = System.IO.Path.Combine(resultsRoot, name);
        Directory.CreateDirectory(System.IO.Path.Combine(path, "scratch"));
        var lockFile = new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        return new RunFolder(path, lockFile);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Notes a started process, so a later run can stop it if this one dies without cleaning up.</summary>
    public void RecordProcess(int processId, string name)
    {
        if (ProcessIdentity.StartTicks(processId) is not { } started)
        {
            return;
        }

        lock (_processesGate)
        {
            System.IO.File.AppendAllText(File(ProcessesFileName), string.Create(CultureInfo.InvariantCulture, $"{processId} {started} {name}\n"));
        }
    }

    /// <summary>Appends to <c>timings.txt</c>: how long starting, page loads and scenarios took in this run.</summary>
    public void RecordTiming(string what, TimeSpan took)
    {
        lock (_processesGate)
        {
            System.IO.File.AppendAllText(File("timings.txt"), string.Create(CultureInfo.InvariantCulture, $"{took.TotalSeconds,7:0.00} s  {what}\n"));
        }
    }

    public void Dispose()
    {
        // Scratch holds the bot's SQLite files and Playwright's downloads; logs and screenshots stay.
        TryDelete(Scratch);
        _lock.Dispose();
        System.IO.File.Delete(File(LockFileName));
    }

    private static void CleanUpAfterCrashedRuns(string resultsRoot)
    {
        var runs = new DirectoryInfo(resultsRoot).GetDirectories().OrderByDescending(d => d.Name, StringComparer.Ordinal).ToList();
        foreach (var run in runs)
        {
            var lockPath = System.IO.Path.Combine(run.FullName, LockFileName);
            if (!System.IO.File.Exists(lockPath))
            {
                continue;
            }

            FileStream? probe;
            try
            {
                probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // another run is alive right now: leave it alone
            }

            using (probe)
            {
                StopLeftovers(System.IO.Path.Combine(run.FullName, ProcessesFileName));
                TryDelete(System.IO.Path.Combine(run.FullName, "scratch"));
            }

            System.IO.File.Delete(lockPath);
        }

        foreach (var old in runs.Where(r => !System.IO.File.Exists(System.IO.Path.Combine(r.FullName, LockFileName))).Skip(RunsKept))
        {
            TryDelete(old.FullName);
        }
    }

    private static void StopLeftovers(string processesFile)
    {
        if (!System.IO.File.Exists(processesFile))
        {
            return;
        }

        foreach (var line in System.IO.File.ReadAllLines(processesFile))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var processId)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started)
                // The same id and start time: the very process we started, not a stranger that reused the id.
                && ProcessIdentity.StartTicks(processId) == started)
            {
                ProcessIdentity.KillTree(processId);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open by a dying process; the next run's clean-up gets it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
