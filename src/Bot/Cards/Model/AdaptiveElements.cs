using System.Text.Json.Serialization;

namespace MentorBot.Bot.Cards.Model;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(TimeInput), "Input.Time")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
public abstract record AdaptiveElement
{
    [JsonPropertyOrder(-5)]
    public string? Id { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }

    /// <summary>Only written when false; the target of <see cref="ToggleVisibilityAction"/>.</summary>
    public bool? IsVisible { get; init; }
}

public sealed record TextBlock(string Text) : AdaptiveElement
{
    /// <summary>Always wrap: Teams truncates unwrapped text to one line, which hides most of a sentence on mobile.</summary>
    public bool Wrap { get; init; } = true;

    public TextBlockStyle? Style { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }
}

public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : AdaptiveElement;

public sealed record TextRun(string Text)
{
    public string Type => "TextRun";

    public TextWeight? Weight { get; init; }

    public bool? Italic { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : AdaptiveElement;

public sealed record Fact(string Title, string Value);

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : AdaptiveElement;

public sealed record Column(IReadOnlyList<AdaptiveElement> Items)
{
    public string Type => "Column";

    /// <summary><c>auto</c>, <c>stretch</c>, a weight (<c>"2"</c>) or pixels (<c>"40px"</c>).</summary>
    public string? Width { get; init; }

    public VerticalAlignment? VerticalContentAlignment { get; init; }
}

public sealed record Container(IReadOnlyList<AdaptiveElement> Items) : AdaptiveElement
{
    public ContainerStyle? Style { get; init; }
}

/// <summary>Inline <c>data:</c> URIs or our own HTTPS host only; Teams rejects redirecting image URLs.</summary>
public sealed record Image(string Url, string AltText) : AdaptiveElement
{
    public ImageSize? Size { get; init; }

    public ImageStyle? Style { get; init; }
}

public sealed record ActionSet(IReadOnlyList<AdaptiveAction> Actions) : AdaptiveElement;
