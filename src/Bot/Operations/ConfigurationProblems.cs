using System.Reflection;
using MentorBot.Bot.Protocol;
using System.Text.RegularExpressions;
using MentorBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

/// <summary>
/// Runs every options validation the host would run on start (<c>ValidateOnStart</c>) and turns what fails into
/// sentences that name the setting to fix, so a wrong configuration never surfaces as a stack trace from deep inside
/// a client library.
/// </summary>
public static partial class ConfigurationProblems
{
    public static IReadOnlyList<string> Find(IServiceProvider services)
    {
        var problems = new List<string>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (Explain(exception) is { Count: > 0 } lines)
        {
            problems.AddRange(lines);
        }

        // Anonymous mode outside Development and Testing is refused (decision 0250); it reads the credentials, so only
        // once they validated.
        if (problems.Count == 0 && services.GetService<AnonymousMode>()?.Refusal is { } anonymous)
        {
            problems.Add(anonymous);
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The sentences a configuration exception stands for, or nothing when it is not a configuration mistake (a bug
    /// stays a stack trace). Binding failures (<c>"soon"</c> for a duration) come as <see cref="InvalidOperationException"/>
    /// naming the key; validation failures as <see cref="OptionsValidationException"/>.
    /// </summary>
    public static IReadOnlyList<string> Explain(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Explain).ToList(),
        OptionsValidationException invalid => invalid.Failures.Select(f => Reword(invalid.OptionsType, f)).ToList(),
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [ConvertFailure().Replace(message, "${key} has a value that is not a valid ${type}; fix or remove it.")],
        _ => exception.InnerException is { } inner ? Explain(inner) : [],
    };

    // DataAnnotations says "DataAnnotation validation failed for 'BotOptions' members: 'X' with the error: '...'."; an
    // operator needs the configuration key ("Bot:X"), which is the options class's SectionName plus the member.
    private static string Reword(Type optionsType, string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var key = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section
            ? $"{section}:{match.Groups["member"].Value}"
            : match.Groups["member"].Value;
        return $"{key}: {match.Groups["error"].Value.TrimEnd('.')}.";
    }

    [GeneratedRegex(@"members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value(?: '[^']*')? at '(?<key>[^']+)' to type '(?:[\w.]+\.)?(?<type>[^'.]+)'\..*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ConvertFailure();
}
