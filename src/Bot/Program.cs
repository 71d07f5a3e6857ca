using MentorBot.Bot.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMentorBotStorage(builder.Configuration);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.Run();
