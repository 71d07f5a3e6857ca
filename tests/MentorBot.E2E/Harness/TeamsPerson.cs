namespace MentorBot.E2E.Harness;

/// <summary>
/// Someone in the test tenant, with the id shapes Teams uses: <c>29:…</c> channel account id, an Entra object id, and
/// their 1:1 chat with the bot <c>a:…</c>. Fixed values, so a failing run can be replayed and grepped.
/// </summary>
public sealed record TeamsPerson(string Key, string Id, string AadObjectId, string Name, string GivenName, string Surname, string PersonalChatId)
{
    /// <summary>The sign-in name; deliberately not the mail address, so a test can tell which one reached an invite.</summary>
    public string UserPrincipalName => $"{GivenName[0]}{Surname}@contoso.example".ToLowerInvariant();

    /// <summary>The mailbox address the Playground's roster serves as <c>email</c>.</summary>
    public string Email => $"{GivenName}.{Surname}@mail.contoso.example".ToLowerInvariant();
}

/// <summary>The tenant both Playground instances pretend to be in: one bot, one senior, one junior and four colleagues.</summary>
public static class TestTenant
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotId = "28:4b1e7c9a-53d2-4f0e-9a61-2c8d5e7f9b30";
    public const string BotName = "MentorBot";

    public static TeamsPerson Senior { get; } = new(
        "senior",
        "29:1Qx7rT2vYk9mW3pZs8LnB4cJ6dHf0gE5aU1iO7yR2tK9wXq3Vb8NzM4lP6sC0jD5hG",
        "3c2f7e51-9d84-4a1b-b6f0-8e2d4c7a9b13",
        "Helen Brandt",
        "Helen",
        "Brandt",
        "a:1Gk8sPq3Xw7Lz2Rv5Tn9Yb4Mc6Jd0Hf1Ue8Ia3Os7Ky2Wt5Qr9Vx4Zn6Bm0Lp3Cs7Dj");

    public static TeamsPerson Junior { get; } = new(
        "junior",
        "29:1Hv4nK8qWz2Ts6Yp0Lb3Xc7Md9Rf1Gj5Ua8Eo2Iy6Kw4Qt0Vs3Zn7Bl9Pm1Cr5Dh8Jx",
        "b8e41d27-6a3c-4f95-8d02-7c1e9a5f3b64",
        "Sam Rivera",
        "Sam",
        "Rivera",
        "a:1Rt6Yw2Pk9Zq4Xs7Lm3Vb8Nc0Jd5Hf1Ug6Ia2Oe9Ky3Ws7Qn4Tz8Bx0Lv5Cp2Dm6Gj");

    /// <summary>
    /// A senior whose Teams speaks Swedish (sv-SE): her Playground is started on first use, behind a
    /// <see cref="LocaleProxy"/>, by the scenarios about languages.
    /// </summary>
    public static TeamsPerson SwedishSenior { get; } = new(
        "senior-sv",
        "29:1Kq2Lw4Ez6Rt8Yu0Io2Pa4Sd6Fg8Hj0Kl2Zx4Cv6Bn8Mq0Wv2Er4Ty6Ui8Op0As2Df4Gh",
        "4b0e5d7c-6f1a-4c2d-a9b5-3d7f1a6c2e85",
        "Karin Lindqvist",
        "Karin",
        "Lindqvist",
        "a:1Sv4Ek8Rw2Ty6Ui0Op4As8Df2Gh6Jk0Lz4Xc8Vb2Nm6Qw0Er4Ty8Ui2Op6As0Df4Gh8Jk");

    /// <summary>A second junior with her own Playground, for declines and re-offers (one of the colleagues below).</summary>
    public static TeamsPerson SecondJunior => Colleagues[0];

    /// <summary>The Playground wants exactly five other users in its directory; these fill the places nobody plays.</summary>
    public static IReadOnlyList<TeamsPerson> Colleagues { get; } =
    [
        new("c1", "29:1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7Ab9Cd1Ef3Gh5Ij7Kl9Mn1Op3Qr", "0d6a1f3e-2b7c-4e89-a5d1-9f3b7c2e8a41", "Priya Natarajan", "Priya", "Natarajan", "a:unused-c1"),
        new("c2", "29:1Ba4Dc6Fe8Hg0Ji2Lk4Nm6Po8Rq0Ts2Vu4Xw6Zy8Ba0Dc2Fe4Hg6Ji8Lk0Nm2Po4Rq", "1e7b2a4f-3c8d-4f9a-b6e2-0a4c8d3f9b52", "Tomasz Wójcik", "Tomasz", "Wójcik", "a:unused-c2"),
        new("c3", "29:1Cb5Ed7Gf9Ih1Kj3Ml5On7Qp9Sr1Ut3Wv5Yx7Az9Cb1Ed3Gf5Ih7Kj9Ml1On3Qp5Sr", "2f8c3b5a-4d9e-4a0b-87f3-1b5d9e4a0c63", "Aisha Mensah", "Aisha", "Mensah", "a:unused-c3"),
        new("c4", "29:1Dc6Fe8Hg0Ji2Lk4Nm6Po8Rq0Ts2Vu4Xw6Zy8Ba0Dc2Fe4Hg6Ji8Lk0Nm2Po4Rq6Ts", "3a9d4c6b-5e0f-4b1c-98a4-2c6e0f5b1d74", "Lars Eriksen", "Lars", "Eriksen", "a:unused-c4"),
    ];
}
