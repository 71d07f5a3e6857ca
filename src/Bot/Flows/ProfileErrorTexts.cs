using System.Globalization;
using System.Resources;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Why a profile could not be saved, in the reader's language: Core's <see cref="ProfileError"/> carries a code (and
/// an English message for logs and APIs); the words a person reads come from <c>ProfileErrorTexts.resx</c>
/// (+ <c>.sv.resx</c>), keyed <c>ProfileError.{code}</c>.
/// </summary>
public static class ProfileErrorTexts
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Flows.ProfileErrorTexts", typeof(ProfileErrorTexts).Assembly);

    public static string For(ProfileError error, CultureInfo culture)
    {
        var text = Resources.GetString($"ProfileError.{error.Code}", culture);
        return text is null
            ? error.Message
            : error.Code switch
            {
                ProfileErrorCode.InvalidCareerLevel => string.Format(culture, text, ProfileValidator.MaxCareerLevel),
                ProfileErrorCode.InvalidCapacity => string.Format(culture, text, ProfileValidator.MaxCapacity),
                _ => text,
            };
    }
}
