using System.Text;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Tests.Privacy;

public sealed class SuppressionHashTests
{
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("a-secret-salt-of-32-characters!!");

    [Fact]
    public void Of_SameGuidInAnotherCase_GivesTheSameHash()
    {
        var lower = SuppressionHash.Of(Salt, new UserId("5f1c0c3e-0000-4000-8000-00000000e1a5"));

        var upper = SuppressionHash.Of(Salt, new UserId("5F1C0C3E-0000-4000-8000-00000000E1A5"));

        Assert.Equal(lower, upper);
    }

    [Fact]
    public void Of_AnotherSalt_GivesAnotherHashThatDoesNotContainTheId()
    {
        var person = new UserId("5f1c0c3e-0000-4000-8000-00000000e1a5");

        var first = SuppressionHash.Of(Salt, person);
        var second = SuppressionHash.Of(Encoding.UTF8.GetBytes("another-secret-salt-entirely-32!"), person);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("00000000e1a5", first, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, first.Length);
    }

    [Fact]
    public void Of_SaltShorterThan16Bytes_Throws()
    {
        var act = () => SuppressionHash.Of(Encoding.UTF8.GetBytes("short"), new UserId("x"));

        Assert.Throws<ArgumentException>(act);
    }
}
