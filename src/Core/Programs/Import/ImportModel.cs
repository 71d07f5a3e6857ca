using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs.Import;

/// <summary>Upper bounds for one upload; above them the file is refused as a whole with a clear reason.</summary>
public sealed record ImportLimits(long MaxBytes, int MaxRows)
{
    public static ImportLimits Default { get; } = new(5 * 1024 * 1024, 10_000);
}

public enum ImportProblemKind
{
    FileTooLarge,
    TooManyRows,
    NotUtf8,
    EmptyFile,
    WrongHeader,
    MalformedLine,
    MissingField,
    BadEmail,
    InvalidValue,
    UnknownTimeZone,
    UnknownSkill,
    LevelOutOfRange,
    DuplicateAadObjectId,
    DuplicateEmail,
    ManagerNotFound,
}

/// <summary>One thing wrong with the file.</summary>
/// <param name="Line">Physical line in the file where the record starts (the header is line 1); 0 for the file as a whole.</param>
/// <param name="Column">The header name of the offending column, when there is one.</param>
/// <param name="Message">Plain English, for the owner to fix the spreadsheet; may quote the cell.</param>
public sealed record ImportProblem(int Line, ImportProblemKind Kind, string? Column, string Message);

/// <summary>A person ready to be saved, with the line they came from for the owner's summary.</summary>
public sealed record ImportedParticipant(int Line, Profile Profile, Enrolment Enrolment);

/// <summary>The dry run's verdict: everyone to save, or every problem and nobody to save.</summary>
public abstract record ImportOutcome
{
    private ImportOutcome()
    {
    }

    public sealed record Ready(IReadOnlyList<ImportedParticipant> Participants) : ImportOutcome;

    public sealed record Rejected(IReadOnlyList<ImportProblem> Problems) : ImportOutcome;
}
