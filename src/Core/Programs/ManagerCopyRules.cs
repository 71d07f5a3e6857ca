using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Programs;

/// <summary>
/// Whether a senior may copy the junior's manager on a thank-you. Recognition reaches a manager only when the
/// organisation opted in: the pair's program says so (<see cref="MentoringProgram.ManagersMayBeCopied"/>), or, for a
/// pair outside any program, <see cref="CheckInOptions.ManagersMayBeCopied"/>. Both are off by default.
/// </summary>
public sealed class ManagerCopyRules(IProgramStore programs, IOptions<CheckInOptions> options) : IManagerCopyPolicy
{
    public async Task<bool> AllowedAsync(Mentorship mentorship, CancellationToken cancellationToken)
    {
        if (mentorship.Program is not { } programId)
        {
            return options.Value.ManagersMayBeCopied;
        }

        return await programs.GetAsync(programId, cancellationToken) is { Value.ManagersMayBeCopied: true };
    }
}
