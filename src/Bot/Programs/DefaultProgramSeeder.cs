using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Gives a new deployment its first program from configuration, once: only while the store holds none, so an owner's
/// later edits on the dashboard are never overwritten by appsettings.json. Runs after the storage initializer.
/// </summary>
internal sealed partial class DefaultProgramSeeder(
    IProgramStore programs, IOptions<ProgramsOptions> options, TimeProvider time, ILogger<DefaultProgramSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Default;
        if (configured.Owners.Count == 0)
        {
            LogNoOwners(logger);
            return;
        }

        if ((await programs.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var program = configured.ToProgram(LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime));
        try
        {
            await programs.InsertAsync(program, cancellationToken);
            LogSeeded(logger, program.Id.Value, program.Owners.Count);
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance started at the same moment and seeded it first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded program {ProgramId} from configuration with {OwnerCount} owner(s)")]
    private static partial void LogSeeded(ILogger logger, string programId, int ownerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "No program owners configured (Programs:Default:Owners); no program is seeded")]
    private static partial void LogNoOwners(ILogger logger);
}
