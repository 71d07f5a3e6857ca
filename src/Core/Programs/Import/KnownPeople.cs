using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs.Import;

/// <summary>People MentorBot already knows, so an import may name a manager who is not in the file.</summary>
public sealed class KnownPeople
{
    private readonly HashSet<UserId> _ids;
    private readonly Dictionary<string, UserId> _byEmail;

    public KnownPeople(IEnumerable<(UserId Id, string? Email)> people)
    {
        _ids = [];
        _byEmail = new Dictionary<string, UserId>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, email) in people)
        {
            _ids.Add(Normalise(id));
            if (!string.IsNullOrWhiteSpace(email))
            {
                _byEmail.TryAdd(email.Trim(), Normalise(id));
            }
        }
    }

    public static KnownPeople None { get; } = new([]);

    public static KnownPeople From(IEnumerable<Profile> profiles) => new(profiles.Select(p => (p.Id, p.Email)));

    public bool Contains(UserId id) => _ids.Contains(Normalise(id));

    public bool TryFindByEmail(string email, out UserId id) => _byEmail.TryGetValue(email.Trim(), out id);

    // AAD object ids are GUIDs; exports differ in case, so compare them in one canonical form.
    private static UserId Normalise(UserId id) =>
        Guid.TryParse(id.AadObjectId, out var guid) ? new UserId(guid.ToString("D")) : id;
}
