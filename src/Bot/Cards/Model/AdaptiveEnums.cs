using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Bot.Cards.Model;

/// <summary>Adaptive Card enum values are camelCase in the schema (<c>extraLarge</c>, <c>bolder</c>).</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;

[JsonConverter(typeof(CamelCaseEnumConverter<Spacing>))]
public enum Spacing
{
    None,
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
    Padding,
}

/// <summary><see cref="Heading"/> (1.5) marks a heading for screen readers.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle
{
    Default,
    Heading,
}

[JsonConverter(typeof(CamelCaseEnumConverter<TextSize>))]
public enum TextSize
{
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
}

[JsonConverter(typeof(CamelCaseEnumConverter<TextWeight>))]
public enum TextWeight
{
    Lighter,
    Default,
    Bolder,
}

[JsonConverter(typeof(CamelCaseEnumConverter<TextColor>))]
public enum TextColor
{
    Default,
    Dark,
    Light,
    Accent,
    Good,
    Warning,
    Attention,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ContainerStyle>))]
public enum ContainerStyle
{
    Default,
    Emphasis,
    Good,
    Attention,
    Warning,
    Accent,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle
{
    Compact,
    Expanded,
    Filtered,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ImageSize>))]
public enum ImageSize
{
    Auto,
    Stretch,
    Small,
    Medium,
    Large,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ImageStyle>))]
public enum ImageStyle
{
    Default,
    Person,
}

[JsonConverter(typeof(CamelCaseEnumConverter<VerticalAlignment>))]
public enum VerticalAlignment
{
    Top,
    Center,
    Bottom,
}

/// <summary>Which inputs an action sends: <see cref="Auto"/> = its card's and parent cards' inputs.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs
{
    Auto,
    None,
}
