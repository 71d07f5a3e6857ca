using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Tests.Matching;

/// <summary>Test profiles with readable numbers as ids: person 7 is 00000000-0000-0000-0000-000000000007.</summary>
public sealed class ProfileBuilder(int number)
{
    private readonly List<OfferedSkill> _offers = [];
    private readonly List<WantedSkill> _wants = [];
    private string _department = "Engineering";
    private UserId? _manager;
    private string _timeZone = "Europe/Stockholm";
    private WorkingHours _hours = WorkingHours.Default;
    private string[] _languages = ["en"];
    private int _capacity = 2;
    private Participation _participation = Participation.Active;
    private ProgramRole _role = ProgramRole.Both;
    private int _level = 3;

    public static UserId Id(int number) => new($"00000000-0000-0000-0000-{number:D12}");

    public ProfileBuilder Offers(string skill, SkillLevel level)
    {
        _offers.Add(new OfferedSkill(new SkillId(skill), level));
        return this;
    }

    public ProfileBuilder Wants(string skill, SkillLevel current, SkillLevel target = SkillLevel.Practitioner)
    {
        _wants.Add(new WantedSkill(new SkillId(skill), current, target));
        return this;
    }

    public ProfileBuilder InDepartment(string department)
    {
        _department = department;
        return this;
    }

    public ProfileBuilder ReportsTo(int manager)
    {
        _manager = Id(manager);
        return this;
    }

    public ProfileBuilder InZone(string timeZone, int startHour = 9, int endHour = 17)
    {
        _timeZone = timeZone;
        _hours = WorkingHours.Default with { Start = new LocalTime(startHour, 0), End = new LocalTime(endHour, 0) };
        return this;
    }

    public ProfileBuilder Speaks(params string[] languages)
    {
        _languages = languages;
        return this;
    }

    public ProfileBuilder WithCapacity(int capacity)
    {
        _capacity = capacity;
        return this;
    }

    public ProfileBuilder With(Participation participation)
    {
        _participation = participation;
        return this;
    }

    public ProfileBuilder As(ProgramRole role)
    {
        _role = role;
        return this;
    }

    public ProfileBuilder AtCareerLevel(int level)
    {
        _level = level;
        return this;
    }

    public Profile Build() => new(
        Id(number),
        $"Person {number}",
        $"person{number}@contoso.com",
        _department,
        _manager,
        new CareerLevel(_level),
        _timeZone,
        _hours,
        _languages,
        _capacity,
        _participation,
        _role,
        _offers,
        _wants);
}

public static class A
{
    public static ProfileBuilder Person(int number) => new(number);
}
