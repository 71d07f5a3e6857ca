namespace MentorBot.Bot.Programs;

/// <summary>
/// What is wrong with a typed program, by field, as <c>OwnerPageTexts</c> keys and the value each names, so the same
/// problems read in English in the JSON API and in the viewer's language on the settings page. The first problem
/// found for a field wins, except where a later check overrides it (<see cref="Set"/>).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, (string? Key, object? Argument, string Fallback)> errors = new(StringComparer.Ordinal);

    public int Count => errors.Count;

    public void TryAdd(string field, string? key, object? argument = null, string fallback = "") =>
        errors.TryAdd(field, (key, argument, fallback));

    public void Set(string field, string key) => errors[field] = (key, null, "");

    /// <summary>Field → message in <paramref name="texts"/>'s language.</summary>
    public IReadOnlyDictionary<string, string> In(OwnerPageTexts texts) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Key is { } key ? texts.Format(key, e.Value.Argument) : e.Value.Fallback, StringComparer.Ordinal);
}
