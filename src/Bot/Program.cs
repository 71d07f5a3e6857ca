using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();

builder.Services.AddMentorBot(builder.Configuration);
builder.Services.AddMentorBotStorage(builder.Configuration);
builder.Services.AddInMemoryStoreFallbacks();

var app = builder.Build();

app.MapBotEndpoint();
app.MapHealthChecks("/healthz");

app.Run();
