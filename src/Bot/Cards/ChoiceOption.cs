namespace MentorBot.Bot.Cards;

/// <summary>One entry of a choice list a view supplies (skill catalog, time zones…): label already localised.</summary>
public sealed record ChoiceOption(string Title, string Value);
