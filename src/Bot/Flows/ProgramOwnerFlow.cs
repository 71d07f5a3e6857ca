using MentorBot.Bot.Programs;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Turns;
using MentorBot.Core;
using MentorBot.Core.Programs;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Flows;

/// <summary>
/// The owners' chat commands beyond "program status" (decision 0440): "my programs" lists the programs the person runs
/// with their state and rhythm and a link to the settings page; "pause program [name]" and "resume program [name]"
/// stop and restart joins and new pairs. Everything else is edited on the page. Anyone else is told they run none.
/// </summary>
public sealed class ProgramOwnerFlow(IProgramStore programs, ProgramEditor editor, IOptions<ProgramsOptions> options)
{
    public async Task ListAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new ProgramTexts(person.Culture);
        var owned = await OwnedAsync(person, cancellationToken);
        if (owned.Count == 0)
        {
            await turnContext.SendActivityAsync(t["Owner.NoPrograms"], cancellationToken);
            return;
        }

        var lines = owned.Select(p => "- " + t.Format("Owner.Line", p.Name, State(p.State, t), p.Meetings.EveryWeeks, (int)p.Meetings.Length.TotalMinutes)).ToList();
        if (SettingsUrl(owned.Count == 1 ? owned[0] : null) is { } url)
        {
            lines.Add(t.Format("Owner.EditOnPage", url));
        }

        await turnContext.SendActivityAsync($"**{t["Owner.ListTitle"]}**\n\n{string.Join("\n", lines)}", cancellationToken);
    }

    /// <summary>"pause program" / "resume program", with the program's name when the person runs more than one.</summary>
    public async Task SetStateAsync(ITurnContext turnContext, TurnPerson person, string? which, ProgramState state, CancellationToken cancellationToken)
    {
        var t = new ProgramTexts(person.Culture);
        var owned = await OwnedAsync(person, cancellationToken);
        if (owned.Count == 0)
        {
            await turnContext.SendActivityAsync(t["Owner.NoPrograms"], cancellationToken);
            return;
        }

        var chosen = which is { Length: > 0 }
            ? owned.Where(p => p.Id.Value.Equals(which, StringComparison.OrdinalIgnoreCase) || p.Name.Contains(which, StringComparison.OrdinalIgnoreCase)).ToList()
            : owned;
        if (chosen.Count != 1)
        {
            await turnContext.SendActivityAsync(t.Format("Owner.WhichProgram", owned[0].Name), cancellationToken);
            return;
        }

        var program = chosen[0];
        if (program.State == ProgramState.Closed)
        {
            await turnContext.SendActivityAsync(t.Format("Owner.ClosedCannot", program.Name), cancellationToken);
            return;
        }

        if (program.State == state)
        {
            await turnContext.SendActivityAsync(t.Format("Owner.AlreadyThat", program.Name, State(state, t)), cancellationToken);
            return;
        }

        var reply = await editor.ChangeStateAsync(program.Id, state, null, person.Id, cancellationToken) switch
        {
            ProgramSave.Saved => t.Format(state == ProgramState.Paused ? "Owner.PausedDone" : "Owner.ResumedDone", program.Name),
            _ => t.Format("Owner.Conflict", program.Name),
        };
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    private async Task<IReadOnlyList<MentoringProgram>> OwnedAsync(TurnPerson person, CancellationToken cancellationToken) =>
        [.. (await programs.ListInTenantAsync(person.Tenant, cancellationToken)).Select(p => p.Value).Where(p => ProgramAccess.CanManage(person.Id, p))];

    private Uri? SettingsUrl(MentoringProgram? program) =>
        options.Value.DashboardBaseUrl is { Length: > 0 } baseUrl
        && Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)
        && Uri.TryCreate(root, program is null ? "programs/manage" : $"programs/{Uri.EscapeDataString(program.Id.Value)}/edit", out var url)
            ? url
            : null;

    private static string State(ProgramState state, ProgramTexts t) => state switch
    {
        ProgramState.Paused => t["Owner.Paused"],
        ProgramState.Closed => t["Owner.Closed"],
        _ => t["Owner.Running"],
    };
}
