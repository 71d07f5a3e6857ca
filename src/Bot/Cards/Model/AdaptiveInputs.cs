namespace MentorBot.Bot.Cards.Model;

/// <summary>
/// Inputs send their value as a string under <see cref="AdaptiveElement.Id"/>, merged into the data of the action
/// that submits them, so an input id must never equal a data field name.
/// </summary>
public abstract record AdaptiveInput : AdaptiveElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public sealed record TextInput : AdaptiveInput
{
    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }
}

public sealed record ChoiceSetInput(IReadOnlyList<Choice> Choices) : AdaptiveInput
{
    public ChoiceInputStyle? Style { get; init; }

    /// <summary>For multi-select, the selected values joined by commas (that is also how the value comes back).</summary>
    public string? Value { get; init; }

    public bool? IsMultiSelect { get; init; }

    public string? Placeholder { get; init; }

    public bool? Wrap { get; init; }

    /// <summary>Teams' dynamic type-ahead: the client asks the bot for choices (an <c>application/search</c> invoke).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("choices.data")]
    public DataQuery? ChoicesData { get; init; }
}

public sealed record Choice(string Title, string Value);

/// <summary><c>{"type":"Data.Query","dataset":…}</c>: what a type-ahead choice set asks the bot for.</summary>
public sealed record DataQuery
{
    public string Type { get; init; } = "Data.Query";

    public required string Dataset { get; init; }
}

public sealed record NumberInput : AdaptiveInput
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Value { get; init; }

    public string? Placeholder { get; init; }
}

/// <summary>Value, min and max are <c>yyyy-MM-dd</c>.</summary>
public sealed record DateInput : AdaptiveInput
{
    public string? Value { get; init; }

    public string? Min { get; init; }

    public string? Max { get; init; }
}

/// <summary>Value, min and max are <c>HH:mm</c>.</summary>
public sealed record TimeInput : AdaptiveInput
{
    public string? Value { get; init; }

    public string? Min { get; init; }

    public string? Max { get; init; }
}

public sealed record ToggleInput(string Title) : AdaptiveInput
{
    public string? Value { get; init; }

    public string? ValueOn { get; init; }

    public string? ValueOff { get; init; }

    public bool? Wrap { get; init; }
}
