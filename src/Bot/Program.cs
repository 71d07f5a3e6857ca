using MentorBot.Bot.Calendar;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();

builder.Services.AddMentorBot(builder.Configuration);
builder.Services.AddMentorBotStorage(builder.Configuration);
builder.Services.AddMentorBotNudges(builder.Configuration);
builder.Services.AddInMemoryStoreFallbacks();
builder.Services.AddMentorBotPrograms();
builder.Services.AddTestingClock(builder.Environment);

var app = builder.Build();
if (app.Services.GetRequiredService<AnonymousMode>().Refusal is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

app.MapBotEndpoint();
app.MapHealthChecks("/healthz");
app.MapCheckInInvite();
app.MapProgramDashboard();
app.MapTestingClock(app.Environment);

app.Run();
return 0;
