using MentorBot.Bot.Hosting;
using MentorBot.Bot.Operations;

args = StartupGate.WithoutCheckSwitch(args, out var check);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideBinaries();
builder.AddMentorBotProduct();

var app = builder.Build();
app.MapMentorBot();

return await StartupGate.RunAsync(app, check);
