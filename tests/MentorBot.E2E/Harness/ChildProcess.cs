using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MentorBot.E2E.Harness;

/// <summary>
/// A process the harness started: stdout and stderr go, time-stamped, to <c>&lt;name&gt;.log</c> in the run folder;
/// callers can wait for a line (a port, "ready"); disposing kills the whole process tree. An early exit is reported
/// with the log's tail rather than as a timeout.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigInt = 2;

    private const int TailLines = 40;
    private const int MaxLinesKept = 5000;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopping;

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, RunFolder run)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var logPath = run.File($"{name}.log");
        var log = new StreamWriter(logPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        log.WriteLine($"$ {fileName} {string.Join(' ', arguments)}");
        log.WriteLine($"  (in {workingDirectory})");

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => child._exited.TrySetResult();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            process.Dispose();
            throw new HarnessException($"Could not start {name} ({fileName}): {e.Message}", e);
        }

        run.RecordProcess(process.Id, name);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the first line (seen already or still to come) matching <paramref name="pattern"/>.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } seen)
            {
                return seen;
            }

            _waiters.Add((pattern, found));
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var finished = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(Timeout.Infinite, timeoutSource.Token));
        if (finished == found.Task)
        {
            return await found.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var reason = finished == _exited.Task
            ? $"exited with code {ExitCode()} before printing"
            : $"printed nothing matching within {timeout.TotalSeconds:0} s:";
        throw new HarnessException($"{Name} {reason} /{pattern}/. Last lines of {LogPath}:\n{Tail()}");
    }

    /// <summary>Throws with the log's tail when the process is no longer running.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new HarnessException($"{Name} exited with code {ExitCode()}. Last lines of {LogPath}:\n{Tail()}");
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.TakeLast(TailLines));
        }
    }

    /// <summary>
    /// SIGINT (Ctrl+C), the stop signal every process here handles (Azurite only handles this one): it may flush and
    /// close before exiting. Killed if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigInt) == 0)
        {
            using var waiting = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(waiting.Token);
            }
            catch (OperationCanceledException)
            {
                _log.WriteLine("harness: no exit within the grace period after SIGINT");
            }
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        catch (OperationCanceledException)
        {
            _log.WriteLine("harness: the process did not exit within 15 s of SIGKILL");
        }

        lock (_gate)
        {
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"harness: stopped after {_clock.Elapsed.TotalSeconds:0.0} s"));
            _log.Dispose();
        }

        _process.Dispose();
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?";

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            if (_lines.Count > MaxLinesKept)
            {
                _lines.RemoveRange(0, _lines.Count - MaxLinesKept);
            }

            if (!_stopping)
            {
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,8:0.000} {(isError ? "err" : "out")} {line}"));
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Pattern.Match(line) is { Success: true } match)
                {
                    _waiters[i].Found.TrySetResult(match);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private static int SendSignal(int processId, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill!.WaitForExit();
        return kill.ExitCode;
    }
}
