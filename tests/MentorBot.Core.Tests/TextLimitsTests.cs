using MentorBot.Core;

namespace MentorBot.Core.Tests;

public sealed class TextLimitsTests
{
    [Fact]
    public void Check_AtTheLimit_Fits()
    {
        Assert.Null(TextLimits.Check(FreeTextField.DeclineNote, new string('x', TextLimits.MaxLength(FreeTextField.DeclineNote))));
    }

    [Fact]
    public void Check_OneOverTheLimit_NamesFieldLimitAndLength()
    {
        var max = TextLimits.MaxLength(FreeTextField.ConcernText);

        var problem = TextLimits.Check(FreeTextField.ConcernText, new string('x', max + 1));

        Assert.Equal(new TextTooLong(FreeTextField.ConcernText, max, max + 1), problem);
    }

    [Fact]
    public void Check_Missing_Fits()
    {
        Assert.Null(TextLimits.Check(FreeTextField.Goal, null));
    }

    [Fact]
    public void Check_Several_ReturnsTheFirstOverItsLimit()
    {
        var problem = TextLimits.Check([(FreeTextField.Department, "Sales"), (FreeTextField.Goal, new string('g', 10_000)), (FreeTextField.ThanksNote, new string('t', 10_000))]);

        Assert.Equal(FreeTextField.Goal, problem!.Field);
    }

    [Fact]
    public void MaxLength_EveryField_IsDefined()
    {
        Assert.All(Enum.GetValues<FreeTextField>(), field => Assert.InRange(TextLimits.MaxLength(field), 50, 5_000));
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        var max = TextLimits.MaxLength(FreeTextField.Department);
        var text = new string('a', max - 1) + "😀" + "tail";

        var cut = TextLimits.Truncate(FreeTextField.Department, text);

        Assert.Equal(max - 1, cut.Length);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }
}
