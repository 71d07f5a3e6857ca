using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// Issue 19, "every word true, in English and Swedish": a senior whose Teams speaks Swedish (sv-SE) and a junior whose
/// Teams speaks English (en-US) go through the loop in the Agents Playground. The senior onboards and asks in Swedish
/// ("kan någon hjälpa mig med Power BI?") and reads the match reasons in Swedish; the junior gets the offer in English;
/// each gets the introduction in their own language. Nothing is set by hand: the language is the Teams locale each
/// client sends (the senior's through a <see cref="LocaleProxy"/>, as the Playground always says en-US).
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed class TwoLanguagesTests(E2EEnvironment e2e)
{
    private static readonly TeamsPerson Karin = TestTenant.SwedishSenior;
    private static readonly TeamsPerson Sam = TestTenant.Junior;

    [Fact]
    public Task SwedishSeniorAsksInSwedish_EnglishJuniorGetsTheOfferInEnglish_EachIsIntroducedInTheirOwnLanguage() => e2e.RunScenarioAsync(async scenario =>
    {
        await e2e.PlaygroundWithLocaleAsync(Karin, "sv-SE");
        var senior = await scenario.OpenChatAsync(Karin);
        var junior = await scenario.OpenChatAsync(Sam);

        // Both are welcomed, each in their Teams language.
        await senior.WaitForBotMessageWithAsync("Välkommen till MentorBot");
        await junior.WaitForBotMessageWithAsync("welcome to MentorBot");
        Assert.False(await senior.HasBotMessageWithAsync("welcome to MentorBot"), "The Swedish senior was welcomed in English.");
        await scenario.ScreenshotStepAsync("welcome-each-in-own-language");

        // Sam shares Power BI at expert level, on the English card.
        await junior.LatestCard().ClickAsync("Set up my profile");
        var juniorForm = (await junior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await juniorForm.CheckAsync("Share what I know");
        await juniorForm.FillNthAsync("Skill", 0, "Power BI");
        await juniorForm.SelectNthAsync("Your level", 0, "Expert: I could teach it");
        await juniorForm.ClickAsync("Save my profile");
        await junior.WaitForBotMessageWithAsync("your profile is saved");

        // Karin wants Power BI, from "bekant" to "van", on the Swedish card.
        await senior.LatestCard().ClickAsync("Skapa min profil");
        var seniorForm = (await senior.WaitForBotMessageWithAsync("Din profil i MentorBot")).Card;
        await seniorForm.CheckAsync("Lära mig av kollegor");
        await seniorForm.FillNthAsync("Kompetens", 1, "Power BI");
        await seniorForm.SelectNthAsync("Nu", 0, "Bekant: jag vet vad det är");
        await seniorForm.SelectNthAsync("Mål", 0, "Van: jag använder det ofta");
        await scenario.ScreenshotStepAsync("profiles-filled-each-in-own-language");
        await seniorForm.ClickAsync("Spara min profil");
        await senior.WaitForBotMessageWithAsync("din profil är sparad");

        // She asks in her own words, in Swedish: the skill is recognised and the request card is Swedish.
        await senior.SendAsync("kan någon hjälpa mig med Power BI?");
        var ask = (await senior.WaitForBotMessageWithAsync("Vad vill du lära dig?")).Card;
        await ask.FillAsync("Vad vill du kunna göra?", "Bygga en säljrapport till teammötet");
        await ask.ClickAsync("Hitta någon");

        // The reasons are Swedish sentences (worded by the Bot from Core's facts, decision 0381), not English.
        var candidates = await senior.WaitForBotMessageWithAsync("Kollegor som kan hjälpa dig med Power BI");
        var explained = await candidates.TextAsync();
        Assert.Contains(Sam.Name, explained, StringComparison.Ordinal);
        Assert.Contains("är expert på Power BI", explained, StringComparison.Ordinal);
        Assert.Contains("du vet vad det är", explained, StringComparison.Ordinal);
        Assert.Contains("De kan tacka nej utan att förklara sig", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("is an expert in", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("you know what it is", explained, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("candidates-reasons-in-swedish");

        await candidates.Card.ClickAsync($"Fråga {Sam.Name}");
        await senior.WaitForBotMessageWithAsync($"Jag har frågat {Sam.Name} om Power BI");

        // Sam's offer is English: the card's words are his, only Karin's own sentence stays as she wrote it.
        var offer = await junior.WaitForBotMessageWithAsync($"{Karin.Name} would like to learn from you");
        var offerText = await offer.TextAsync();
        Assert.Contains("Saying no is completely fine", offerText, StringComparison.Ordinal);
        Assert.Contains("Bygga en säljrapport till teammötet", offerText, StringComparison.Ordinal);
        Assert.DoesNotContain("tacka nej", offerText, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("offer-in-english");

        await offer.Card.ClickAsync("Yes, I'd like to");

        // Each is introduced in their own language, with the same mutual framing.
        var juniorIntro = await junior.WaitForBotMessageWithAsync($"Meet {Karin.Name}");
        var seniorIntro = await senior.WaitForBotMessageWithAsync($"Det här är {Sam.Name}");
        var seniorIntroText = await seniorIntro.TextAsync();
        Assert.Contains("Ni kommer att lära er av varandra", seniorIntroText, StringComparison.Ordinal);
        Assert.DoesNotContain("learn from each other", seniorIntroText, StringComparison.Ordinal);
        var juniorIntroText = await juniorIntro.TextAsync();
        Assert.Contains("learn from each other", juniorIntroText, StringComparison.Ordinal);
        Assert.DoesNotContain("varandra", juniorIntroText, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("intro-each-in-own-language");
    });
}
