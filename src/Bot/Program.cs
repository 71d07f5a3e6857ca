using MentorBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();

builder.Services.AddMentorBot(builder.Configuration);

var app = builder.Build();

app.MapBotEndpoint();
app.MapHealthChecks("/healthz");

app.Run();
