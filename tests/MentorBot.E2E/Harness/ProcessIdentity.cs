using System.Diagnostics;
using System.Globalization;

namespace MentorBot.E2E.Harness;

/// <summary>Linux process facts from <c>/proc</c>, enough to recognise a process again after our own crash.</summary>
internal static class ProcessIdentity
{
    /// <summary>Field 22 of <c>/proc/&lt;pid&gt;/stat</c>: start time in clock ticks since boot; null when gone.</summary>
    public static long? StartTicks(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return afterName.Length > 19 && long.TryParse(afterName[19], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    public static void KillTree(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }
}
