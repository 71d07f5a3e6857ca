using System.Globalization;
using System.Resources;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Turns;
using MentorBot.Bot.Workers;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Programs.Reporting;

namespace MentorBot.Bot.Programs;

/// <summary>
/// "invite participants" in chat (decision 0403), the chat twin of <c>POST /programs/{id}/invitations</c>: for each
/// program the person owns, writes the invitation rows (idempotent) and starts the paced installs in the background,
/// or — when MentorBot may not install itself — gives the owner the app link to share. Typed again, it reports
/// invited / joined / declined with the dashboard's small-number suppression. Anyone else gets an honest no.
/// </summary>
public sealed class InviteCohortFlow(
    IProgramStore programs,
    InvitationService invitations,
    InvitationRunner runner,
    IAppInstaller installer)
{
    private static readonly ResourceManager Texts = new("MentorBot.Bot.Programs.InviteTexts", typeof(InviteCohortFlow).Assembly);

    public async Task InviteAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var culture = person.Culture;
        var owned = (await programs.ListInTenantAsync(person.Tenant, cancellationToken)).Select(p => p.Value).Where(p => ProgramAccess.CanManage(person.Id, p)).ToList();
        if (owned.Count == 0)
        {
            await turnContext.SendActivityAsync(Text("Invite.NotOwner", culture), cancellationToken);
            return;
        }

        foreach (var program in owned)
        {
            if (await invitations.PrepareAsync(program.Id, person.Id, cancellationToken) is not InviteOutcome.Prepared prepared)
            {
                continue;
            }

            string headline;
            var stillToInvite = prepared.Pending;
            if (installer.CanInstall)
            {
                headline = prepared.Pending > 0
                    ? Text("Invite.Installing", culture, program.Name, Count(prepared.Pending, culture))
                    : Text("Invite.NobodyNew", culture, program.Name);
            }
            else if (prepared.ShareLink is { } link)
            {
                // Rows become "link shared" so the dashboard counts them as invited; the owner shares the link.
                headline = Text("Invite.Share", culture, program.Name, Count(prepared.Pending + prepared.AlreadyDone, culture), link);
                stillToInvite = 0;
            }
            else
            {
                headline = Text("Invite.ShareNoLink", culture, program.Name, Count(prepared.Pending + prepared.AlreadyDone, culture));
                await turnContext.SendActivityAsync(headline, cancellationToken);
                continue;
            }

            if (prepared.Pending > 0)
            {
                runner.Start(program.Id);
                if (!installer.CanInstall)
                {
                    await runner.RunningFor(program.Id);
                }
            }

            var summary = await invitations.SummarizeAsync(program.Id, cancellationToken);
            var progress = Text(
                "Invite.Progress",
                culture,
                Shown(summary.Invited, culture),
                Shown(summary.Joined, culture),
                Shown(summary.Declined, culture),
                Count(stillToInvite, culture));
            await turnContext.SendActivityAsync(headline + "\n\n" + progress, cancellationToken);
        }
    }

    private static string Shown(Metric<int> metric, CultureInfo culture) =>
        metric.TryGetValue(out var value) ? Count(value, culture) : Text("Invite.Hidden", culture);

    private static string Count(int n, CultureInfo culture) => n.ToString("N0", culture);

    private static string Text(string key, CultureInfo culture, params object?[] args)
    {
        var format = Texts.GetString(key, culture) ?? throw new KeyNotFoundException($"Invite text '{key}' is missing from InviteTexts.resx.");
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }
}
