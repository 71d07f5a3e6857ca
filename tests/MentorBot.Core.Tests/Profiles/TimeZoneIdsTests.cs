using MentorBot.Core.Profiles;

namespace MentorBot.Core.Tests.Profiles;

public sealed class TimeZoneIdsTests
{
    [Theory]
    [InlineData("Europe/Stockholm", null, "Europe/Stockholm")]
    [InlineData(" America/New_York ", null, "America/New_York")]
    [InlineData("Asia/Calcutta", null, "Asia/Calcutta")]
    [InlineData("UTC", null, "UTC")]
    [InlineData("W. Europe Standard Time", null, "Europe/Berlin")]
    [InlineData("W. Europe Standard Time", "SE", "Europe/Stockholm")]
    [InlineData("Eastern Standard Time", null, "America/New_York")]
    [InlineData("Tokyo Standard Time", null, "Asia/Tokyo")]
    [InlineData("India Standard Time", null, "Asia/Calcutta")]
    public void TryNormalize_KnownId_ReturnsCanonicalIana(string input, string? region, string expected)
    {
        var ok = TimeZoneIds.TryNormalize(input, out var iana, region);

        Assert.True(ok);
        Assert.Equal(expected, iana);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Not A Real Standard Time")]
    public void TryNormalize_UnknownId_ReturnsFalse(string? input)
    {
        var ok = TimeZoneIds.TryNormalize(input, out var iana);

        Assert.False(ok);
        Assert.Equal("", iana);
    }
}
