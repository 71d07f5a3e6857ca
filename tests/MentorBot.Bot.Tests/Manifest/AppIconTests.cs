using System.Globalization;

namespace MentorBot.Bot.Tests.Manifest;

public sealed class AppIconTests
{
    [Fact]
    public void ColorIcon_Size_Is192Square()
    {
        var icon = PngImage.Load(ManifestFiles.ColorIconPath);

        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void ColorIcon_Background_IsTheOpaqueAccentColour()
    {
        var icon = PngImage.Load(ManifestFiles.ColorIconPath);
        var accent = ManifestFiles.Load()["accentColor"]!.GetValue<string>();

        var expected = (
            byte.Parse(accent.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            (byte)255);

        // The 48 px padding around the 96 px symbol is plain background.
        Assert.All(
            new (int X, int Y)[] { (0, 0), (191, 0), (0, 191), (191, 191), (96, 20), (20, 96) },
            p => Assert.Equal(expected, icon[p.X, p.Y]));
    }

    [Fact]
    public void OutlineIcon_Size_Is32Square()
    {
        var icon = PngImage.Load(ManifestFiles.OutlineIconPath);

        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public void OutlineIcon_EveryPixel_IsWhiteOrFullyTransparent()
    {
        var icon = PngImage.Load(ManifestFiles.OutlineIconPath);

        var pixels = Enumerable.Range(0, icon.Height)
            .SelectMany(y => Enumerable.Range(0, icon.Width).Select(x => (x, y, colour: icon[x, y])))
            .ToList();
        var offending = pixels.Where(p => p.colour.A != 0 && p.colour != (255, 255, 255, 255)).ToList();

        Assert.True(offending.Count == 0, $"Not white/transparent: {string.Join(", ", offending.Take(10))}");
        Assert.Contains(pixels, p => p.colour.A == 255);
    }

    [Fact]
    public async Task CommittedIcons_ComparedWithMakeIconsScript_HaveTheSamePixels()
    {
        using var folder = new TemporaryFolder();

        var run = await ToolRun.NodeAsync("make-icons.mjs", folder.Path);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(
            PngImage.Load(folder.Combine("color.png")).SamePixelsAs(PngImage.Load(ManifestFiles.ColorIconPath)),
            "manifest/color.png is out of date: run node tools/make-icons.mjs and commit the result.");
        Assert.True(
            PngImage.Load(folder.Combine("outline.png")).SamePixelsAs(PngImage.Load(ManifestFiles.OutlineIconPath)),
            "manifest/outline.png is out of date: run node tools/make-icons.mjs and commit the result.");
    }
}
