using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Import;

/// <summary>
/// Reads an owner's participant spreadsheet (CSV, UTF-8 with or without BOM, <c>,</c> or <c>;</c>) and checks every
/// row before anything is saved. The result is all or nothing: either every row is good and the profiles and
/// enrolments come back to be saved, or every problem comes back with its physical line number and nobody is saved,
/// so an owner fixes the file once instead of cleaning up a half-import (decision 0101). Imported people are only
/// invited; they must say yes in chat before anyone matches them.
/// </summary>
public sealed class ParticipantCsvImport(ISkillLookup skills, ImportLimits limits)
{
    public const int MaxNameLength = 200;
    public const int MaxCapacity = 10;
    public const int MaxCareerLevel = 30;
    public const int MaxLanguages = 10;

    /// <summary>The header line of a blank template for owners to fill in.</summary>
    public static string TemplateHeader { get; } = string.Join(",", ParticipantColumns.TemplateHeader);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] ListSeparators = [';', ',', '|'];

    public ParticipantCsvImport(ISkillLookup skills)
        : this(skills, ImportLimits.Default)
    {
    }

    /// <summary>Reads at most the size limit from <paramref name="csv"/> and checks it; see <see cref="DryRun"/>.</summary>
    public async Task<ImportOutcome> DryRunAsync(
        Stream csv, ProgramId program, KnownPeople knownPeople, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Stop reading as soon as the limit is crossed: an upload of gigabytes must not be buffered to be refused.
            if (buffer.Length + read > limits.MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return DryRun(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), program, knownPeople, now);
    }

    /// <param name="knownPeople">People already in MentorBot, so a manager need not be in the file.</param>
    public ImportOutcome DryRun(ReadOnlySpan<byte> csv, ProgramId program, KnownPeople knownPeople, DateTimeOffset now)
    {
        if (csv.Length > limits.MaxBytes)
        {
            return TooLarge();
        }

        if (csv.StartsWith(Encoding.UTF8.Preamble))
        {
            csv = csv[Encoding.UTF8.Preamble.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(csv);
        }
        catch (DecoderFallbackException)
        {
            return Reject(new ImportProblem(0, ImportProblemKind.NotUtf8, null,
                "The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma delimited)\"."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Reject(new ImportProblem(0, ImportProblemKind.EmptyFile, null, "The file is empty."));
        }

        // Excel writes a "sep=;" line first when asked to keep a delimiter; it is a hint, not the header.
        string? delimiterHint = null;
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4 && text[4] is ',' or ';' &&
            (text.Length == 5 || text[5] is '\r' or '\n'))
        {
            delimiterHint = text[4].ToString();
            text = text[5..]; // keeps the line break, so every later line keeps its physical number
        }

        var read = ReadRecords(text, delimiterHint);
        if (read.FileProblem is { } fileProblem)
        {
            return Reject(fileProblem);
        }

        var header = ReadHeader(read.Records[0]);
        if (header.Problems.Count > 0)
        {
            return new ImportOutcome.Rejected(header.Problems);
        }

        return Check(read.Records.Skip(1).ToList(), header.Columns, program, knownPeople, now);
    }

    private ImportOutcome.Rejected TooLarge()
    {
        var size = limits.MaxBytes >= 1024 * 1024
            ? $"{limits.MaxBytes / (1024 * 1024.0):0.#} MB"
            : $"{limits.MaxBytes / 1024.0:0.#} KB";
        return Reject(new ImportProblem(0, ImportProblemKind.FileTooLarge, null, $"The file is larger than {size}. Split it into smaller files."));
    }

    private static ImportOutcome.Rejected Reject(ImportProblem problem) => new([problem]);

    private (List<CsvRecord> Records, ImportProblem? FileProblem) ReadRecords(string text, string? delimiterHint)
    {
        var delimiter = delimiterHint ?? DetectDelimiter(text);
        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            DetectDelimiter = false,
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.None,
            BadDataFound = _ => badData = true,
        };

        var records = new List<CsvRecord>();
        using var parser = new CsvParser(new StringReader(text), configuration);
        while (true)
        {
            badData = false;
            if (!parser.Read())
            {
                break;
            }

            var fields = parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            // RawRow is the physical line the record ends on; a quoted field with line breaks starts it earlier.
            var line = parser.RawRow - LineBreaksWithin(parser.RawRecord);
            records.Add(new CsvRecord(line, fields, badData, delimiter));

            if (records.Count - 1 > limits.MaxRows)
            {
                return (records, new ImportProblem(line, ImportProblemKind.TooManyRows, null,
                    $"The file has more than {limits.MaxRows:N0} people. Split it into smaller files."));
            }
        }

        return records.Count == 0
            ? (records, new ImportProblem(0, ImportProblemKind.EmptyFile, null, "The file is empty."))
            : (records, null);
    }

    /// <summary>Excel writes <c>;</c> in locales where the comma is the decimal separator; the header tells which.</summary>
    private static string DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ";" : ",";
    }

    private static int LineBreaksWithin(string rawRecord)
    {
        var record = rawRecord.AsSpan().TrimEnd("\r\n");
        var breaks = 0;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == '\n' || (record[i] == '\r' && (i + 1 == record.Length || record[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    private static (Dictionary<ParticipantColumn, int> Columns, List<ImportProblem> Problems) ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<ParticipantColumn, int>();
        var problems = new List<ImportProblem>();
        void Problem(string message) => problems.Add(new ImportProblem(header.Line, ImportProblemKind.WrongHeader, null, message));

        if (header.HasBadData)
        {
            Problem("The header line has unbalanced quotes.");
            return (columns, problems);
        }

        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = header.Fields[i].Trim();
            if (name.Length == 0 && i == header.Fields.Length - 1 && i > 0)
            {
                continue; // a trailing delimiter, as some exports write
            }

            if (!ParticipantColumns.TryRecognise(name, out var column))
            {
                Problem($"Unknown column \"{name}\". Expected columns: {string.Join(", ", ParticipantColumns.TemplateHeader)}.");
            }
            else if (!columns.TryAdd(column, i))
            {
                Problem($"Column \"{name}\" appears twice.");
            }
        }

        foreach (var required in ParticipantColumns.Required.Where(r => !columns.ContainsKey(r)))
        {
            Problem($"Missing column \"{ParticipantColumns.TemplateName(required)}\".");
        }

        return (columns, problems);
    }

    private ImportOutcome Check(
        List<CsvRecord> records, Dictionary<ParticipantColumn, int> columns, ProgramId program, KnownPeople knownPeople, DateTimeOffset now)
    {
        var problems = new List<ImportProblem>();
        var width = columns.Values.Max() + 1;
        var rows = new List<Row>();
        foreach (var record in records)
        {
            if (record.HasBadData)
            {
                problems.Add(new ImportProblem(record.Line, ImportProblemKind.MalformedLine, null,
                    "The line has unbalanced quotes: a quoted value is not closed, or a quote appears inside an unquoted value."));
            }
            else if (record.Fields.Length < width || record.Fields.Skip(width).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                problems.Add(new ImportProblem(record.Line, ImportProblemKind.MalformedLine, null,
                    $"Expected {width} values separated by '{record.Delimiter}' but found {record.Fields.Length}."));
            }
            else
            {
                rows.Add(new Row(record.Line, columns, record.Fields));
            }
        }

        // First sightings of ids and emails, so duplicates point back at the earlier line and managers can be found
        // anywhere in the file, above or below the person.
        var firstById = new Dictionary<UserId, int>();
        var firstByEmail = new Dictionary<string, (int Line, UserId? Id)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var id = ParseAadId(row.Cell(ParticipantColumn.AadObjectId));
            if (id is { } known)
            {
                firstById.TryAdd(known, row.Line);
            }

            var email = row.Cell(ParticipantColumn.Email);
            if (IsEmail(email))
            {
                firstByEmail.TryAdd(email, (row.Line, id));
            }
        }

        var participants = new List<ImportedParticipant>();
        foreach (var row in rows)
        {
            var check = new RowCheck(row, problems);
            var profile = CheckRow(check, knownPeople, firstById, firstByEmail);
            if (profile is not null && !check.Failed)
            {
                participants.Add(new ImportedParticipant(row.Line, profile, Enrolment.Invite(program, profile.Id, now)));
            }
        }

        if (problems.Count > 0)
        {
            return new ImportOutcome.Rejected(problems.OrderBy(p => p.Line).ToList());
        }

        return new ImportOutcome.Ready(participants);
    }

    private Profile? CheckRow(RowCheck row, KnownPeople knownPeople, Dictionary<UserId, int> firstById, Dictionary<string, (int Line, UserId? Id)> firstByEmail)
    {
        var name = row.Required(ParticipantColumn.Name);
        if (name?.Length > MaxNameLength)
        {
            row.Problem(ParticipantColumn.Name, ImportProblemKind.InvalidValue, $"The name is longer than {MaxNameLength} characters.");
        }

        var email = row.Required(ParticipantColumn.Email);
        if (email is not null && !IsEmail(email))
        {
            row.Problem(ParticipantColumn.Email, ImportProblemKind.BadEmail, $"\"{email}\" is not an email address.");
        }
        else if (email is not null && firstByEmail[email].Line != row.Line)
        {
            row.Problem(ParticipantColumn.Email, ImportProblemKind.DuplicateEmail, $"The email {email} is also on line {firstByEmail[email].Line}.");
        }

        UserId? id = null;
        if (row.Required(ParticipantColumn.AadObjectId) is { } idText)
        {
            id = ParseAadId(idText);
            if (id is not { } parsed)
            {
                row.Problem(ParticipantColumn.AadObjectId, ImportProblemKind.InvalidValue,
                    $"\"{idText}\" is not an AAD object id (a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301).");
            }
            else if (firstById[parsed] != row.Line)
            {
                row.Problem(ParticipantColumn.AadObjectId, ImportProblemKind.DuplicateAadObjectId,
                    $"The AAD object id {parsed} is also on line {firstById[parsed]}.");
            }
        }

        var manager = CheckManager(row, id, knownPeople, firstById, firstByEmail);
        var level = row.Required(ParticipantColumn.CareerLevel) is { } levelText
            ? ParseRange(row, ParticipantColumn.CareerLevel, levelText, 1, MaxCareerLevel, "career level")
            : null;
        var timeZone = CheckTimeZone(row);
        var role = CheckRole(row);
        var capacity = row.Optional(ParticipantColumn.Capacity) is { } capacityText
            ? ParseRange(row, ParticipantColumn.Capacity, capacityText, 1, MaxCapacity, "capacity")
            : 1;
        var offers = CheckOffers(row);
        var wants = CheckWants(row);
        var languages = CheckLanguages(row);

        if (row.Failed || name is null || email is null || id is null || level is null || timeZone is null || role is null || capacity is null)
        {
            return null;
        }

        return new Profile(
            id.Value,
            name,
            email,
            row.Optional(ParticipantColumn.Department),
            manager,
            new CareerLevel(level.Value),
            timeZone,
            WorkingHours.Default,
            languages,
            capacity.Value,
            Participation.Invited,
            role.Value,
            offers,
            wants);
    }

    private static UserId? CheckManager(
        RowCheck row, UserId? self, KnownPeople knownPeople, Dictionary<UserId, int> firstById, Dictionary<string, (int Line, UserId? Id)> firstByEmail)
    {
        if (row.Optional(ParticipantColumn.Manager) is not { } text)
        {
            return null;
        }

        UserId? manager = null;
        if (ParseAadId(text) is { } managerId)
        {
            if (firstById.ContainsKey(managerId) || knownPeople.Contains(managerId))
            {
                manager = managerId;
            }
        }
        else if (IsEmail(text))
        {
            if (firstByEmail.TryGetValue(text, out var inFile))
            {
                if (inFile.Id is null)
                {
                    return null; // the manager's own row is reported for its id; one problem, told once
                }

                manager = inFile.Id;
            }
            else if (knownPeople.TryFindByEmail(text, out var known))
            {
                manager = known;
            }
        }
        else
        {
            row.Problem(ParticipantColumn.Manager, ImportProblemKind.InvalidValue, $"The manager \"{text}\" is neither an AAD object id nor an email address.");
            return null;
        }

        if (manager is null)
        {
            row.Problem(ParticipantColumn.Manager, ImportProblemKind.ManagerNotFound,
                $"The manager {text} is not in this file and not known to MentorBot yet. Add them as a row, or leave the cell empty.");
        }
        else if (manager == self)
        {
            row.Problem(ParticipantColumn.Manager, ImportProblemKind.InvalidValue, "A person cannot be their own manager.");
        }

        return manager;
    }

    private static string? CheckTimeZone(RowCheck row)
    {
        if (row.Required(ParticipantColumn.TimeZone) is not { } text)
        {
            return null;
        }

        // HR systems and Outlook export Windows ids ("W. Europe Standard Time"); profiles keep IANA ids.
        if (TimeZoneIds.TryNormalize(text, out var iana))
        {
            return iana;
        }

        row.Problem(ParticipantColumn.TimeZone, ImportProblemKind.UnknownTimeZone,
            $"Unknown time zone \"{text}\". Use an IANA id like Europe/Berlin or a Windows id like W. Europe Standard Time.");
        return null;
    }

    private static ProgramRole? CheckRole(RowCheck row)
    {
        var text = row.Required(ParticipantColumn.Role);
        ProgramRole? role = text?.ToUpperInvariant() switch
        {
            null => null,
            "LEARN" => ProgramRole.Learn,
            "TEACH" => ProgramRole.Teach,
            "BOTH" => ProgramRole.Both,
            _ => null,
        };

        if (text is not null && role is null)
        {
            row.Problem(ParticipantColumn.Role, ImportProblemKind.InvalidValue, $"Unknown role \"{text}\". Use learn, teach or both.");
        }

        return role;
    }

    private List<OfferedSkill> CheckOffers(RowCheck row)
    {
        var offers = new List<OfferedSkill>();
        foreach (var entry in ListItems(row.Optional(ParticipantColumn.SkillsOffered)))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0)
            {
                row.Problem(ParticipantColumn.SkillsOffered, ImportProblemKind.InvalidValue,
                    $"\"{entry}\" should be skill:level, e.g. power-bi:4.");
                continue;
            }

            var skill = ResolveSkill(row, ParticipantColumn.SkillsOffered, entry[..colon].Trim());
            var level = ParseSkillLevel(row, ParticipantColumn.SkillsOffered, entry[(colon + 1)..].Trim(), SkillLevel.Aware, entry);
            if (skill is { } id && offers.Any(o => o.Skill == id))
            {
                row.Problem(ParticipantColumn.SkillsOffered, ImportProblemKind.InvalidValue, $"The skill {id} is listed twice.");
            }
            else if (skill is { } resolved && level is { } known)
            {
                offers.Add(new OfferedSkill(resolved, known));
            }
        }

        return offers;
    }

    private List<WantedSkill> CheckWants(RowCheck row)
    {
        var wants = new List<WantedSkill>();
        foreach (var entry in ListItems(row.Optional(ParticipantColumn.SkillsWanted)))
        {
            var colon = entry.LastIndexOf(':');
            var arrow = entry.LastIndexOf('>');
            if (colon <= 0 || arrow < colon)
            {
                row.Problem(ParticipantColumn.SkillsWanted, ImportProblemKind.InvalidValue,
                    $"\"{entry}\" should be skill:current>target, e.g. tiktok:1>3.");
                continue;
            }

            var skill = ResolveSkill(row, ParticipantColumn.SkillsWanted, entry[..colon].Trim());
            var current = ParseSkillLevel(row, ParticipantColumn.SkillsWanted, entry[(colon + 1)..arrow].Trim(), SkillLevel.None, entry);
            var target = ParseSkillLevel(row, ParticipantColumn.SkillsWanted, entry[(arrow + 1)..].Trim(), SkillLevel.Aware, entry);
            if (current is { } from && target is { } to && to <= from)
            {
                row.Problem(ParticipantColumn.SkillsWanted, ImportProblemKind.LevelOutOfRange,
                    $"In \"{entry}\" the target level must be above the current level.");
            }
            else if (skill is { } id && wants.Any(w => w.Skill == id))
            {
                row.Problem(ParticipantColumn.SkillsWanted, ImportProblemKind.InvalidValue, $"The skill {id} is listed twice.");
            }
            else if (skill is { } resolved && current is { } c && target is { } t)
            {
                wants.Add(new WantedSkill(resolved, c, t));
            }
        }

        return wants;
    }

    private SkillId? ResolveSkill(RowCheck row, ParticipantColumn column, string text)
    {
        if (skills.TryResolve(text, out var id))
        {
            return id;
        }

        var suggestion = skills.SuggestionFor(text);
        row.Problem(column, ImportProblemKind.UnknownSkill, suggestion is null
            ? $"Unknown skill \"{text}\"."
            : $"Unknown skill \"{text}\". Did you mean {suggestion}?");
        return null;
    }

    private static SkillLevel? ParseSkillLevel(RowCheck row, ParticipantColumn column, string text, SkillLevel lowest, string entry)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) &&
            value >= (int)lowest && value <= (int)SkillLevel.Expert)
        {
            return (SkillLevel)value;
        }

        row.Problem(column, ImportProblemKind.LevelOutOfRange,
            $"In \"{entry}\" the level \"{text}\" is out of range; use {(int)lowest} to 4 (1 aware, 2 working, 3 practitioner, 4 expert).");
        return null;
    }

    private static int? ParseRange(RowCheck row, ParticipantColumn column, string text, int min, int max, string what)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        row.Problem(column, ImportProblemKind.InvalidValue, $"The {what} \"{text}\" is not a whole number from {min} to {max}.");
        return null;
    }

    private static List<string> CheckLanguages(RowCheck row)
    {
        var languages = ListItems(row.Optional(ParticipantColumn.Languages)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (languages.Count > MaxLanguages)
        {
            row.Problem(ParticipantColumn.Languages, ImportProblemKind.InvalidValue, $"More than {MaxLanguages} languages.");
        }

        return languages;
    }

    private static string[] ListItems(string? cell) => cell is null
        ? []
        : cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static UserId? ParseAadId(string? text) =>
        Guid.TryParse(text, out var guid) && guid != Guid.Empty ? new UserId(guid.ToString("D")) : null;

    /// <summary>
    /// Deliberately plain: one @, something before it, a dotted domain after it, no spaces. The directory is the real
    /// authority; this only catches cells that are clearly something else (a name, a phone number, two addresses).
    /// </summary>
    private static bool IsEmail([NotNullWhen(true)] string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 254 || text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';'))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.StartsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }

    private sealed record CsvRecord(int Line, string[] Fields, bool HasBadData, string Delimiter);

    private sealed class Row(int line, Dictionary<ParticipantColumn, int> columns, string[] fields)
    {
        public int Line => line;

        /// <summary>The trimmed cell, or null when it is empty or its column is not in the file.</summary>
        public string? Cell(ParticipantColumn column) =>
            columns.TryGetValue(column, out var index) && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : null;
    }

    private sealed class RowCheck(Row row, List<ImportProblem> problems)
    {
        public int Line => row.Line;

        public bool Failed { get; private set; }

        public string? Optional(ParticipantColumn column) => row.Cell(column);

        public string? Required(ParticipantColumn column)
        {
            var value = row.Cell(column);
            if (value is null)
            {
                Problem(column, ImportProblemKind.MissingField, $"The {ParticipantColumns.TemplateName(column)} is missing.");
            }

            return value;
        }

        public void Problem(ParticipantColumn column, ImportProblemKind kind, string message)
        {
            Failed = true;
            problems.Add(new ImportProblem(row.Line, kind, ParticipantColumns.TemplateName(column), message));
        }
    }
}
