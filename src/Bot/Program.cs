using MentorBot.Bot.Calendar;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Bot.Operations;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage;

args = StartupGate.WithoutCheckSwitch(args, out var check);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();

builder.Services.AddMentorBot(builder.Configuration);
builder.Services.AddMentorBotStorage(builder.Configuration);
builder.Services.AddMentorBotNudges(builder.Configuration);
builder.Services.AddInMemoryStoreFallbacks();
builder.Services.AddMentorBotPrograms();
builder.Services.AddTestingClock(builder.Environment);
builder.Services.AddMentorBotOperations(builder.Configuration);

var app = builder.Build();
app.MapBotEndpoint();
app.MapHealthChecks("/healthz");
app.MapMentorBotHealth();
app.MapCheckInInvite();
app.MapProgramDashboard();
app.MapTestingClock(app.Environment);

return await StartupGate.RunAsync(app, check);
