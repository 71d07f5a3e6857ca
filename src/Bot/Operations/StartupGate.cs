using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

/// <summary>
/// The last step of <c>Program.cs</c>: <c>--check</c> runs the production checklist; otherwise configuration is
/// validated before anything starts, and a mistake prints one line per problem on stderr and exits with
/// <see cref="ConfigurationErrorExitCode"/>, never a stack trace.
/// </summary>
public static class StartupGate
{
    public const string CheckSwitch = "--check";

    /// <summary>Exit code for "the configuration is wrong" (sysexits' EX_CONFIG), distinct from a crash.</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>Removes <c>--check</c> before the host reads the command line (it would take it for a key without a value).</summary>
    public static string[] WithoutCheckSwitch(string[] args, out bool check)
    {
        check = args.Contains(CheckSwitch, StringComparer.Ordinal);
        return [.. args.Where(a => a != CheckSwitch)];
    }

    public static async Task<int> RunAsync(WebApplication app, bool check)
    {
        if (check)
        {
            return await ProductionCheck.RunAsync(app.Services, Console.Out, CancellationToken.None);
        }

        var problems = ConfigurationProblems.Find(app.Services);
        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (ConfigurationProblems.Explain(exception) is { Count: > 0 } lines)
        {
            // Options read for the first time after start (a named option, a lazily built client) land here.
            return Refuse(lines);
        }
    }

    private static int Refuse(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"MentorBot cannot start: {problem}");
        }

        return ConfigurationErrorExitCode;
    }
}
