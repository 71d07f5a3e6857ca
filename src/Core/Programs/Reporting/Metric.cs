using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MentorBot.Core.Programs.Reporting;

/// <summary>
/// A number an owner may see only when enough people stand behind it. Below <see cref="Metric.MinimumPeople"/> the
/// value is not kept at all, so no view, export or log can show it by mistake (decision 0102).
/// </summary>
public sealed class Metric<T> : IEquatable<Metric<T>>
{
    private readonly T? _value;

    internal Metric(T value, bool suppressed)
    {
        IsSuppressed = suppressed;
        _value = suppressed ? default : value;
    }

    public bool IsSuppressed { get; }

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return !IsSuppressed;
    }

    /// <summary>The value formatted for a report, or <see cref="Metric.SuppressedMarker"/>.</summary>
    public string Format(Func<T, string> format) => IsSuppressed ? Metric.SuppressedMarker : format(_value!);

    public bool Equals(Metric<T>? other) =>
        other is not null && IsSuppressed == other.IsSuppressed && EqualityComparer<T?>.Default.Equals(_value, other._value);

    public override bool Equals(object? obj) => Equals(obj as Metric<T>);

    public override int GetHashCode() => HashCode.Combine(IsSuppressed, _value);

    public override string ToString() => Format(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
}

public static class Metric
{
    /// <summary>Aggregates over fewer distinct people than this are suppressed.</summary>
    public const int MinimumPeople = 5;

    public const string SuppressedMarker = "suppressed";

    /// <summary>
    /// Shown when <paramref name="people"/> is zero (nobody to identify) or at least <see cref="MinimumPeople"/>;
    /// suppressed in between.
    /// </summary>
    public static Metric<T> Of<T>(T value, int people) => new(value, people is > 0 and < MinimumPeople);
}
