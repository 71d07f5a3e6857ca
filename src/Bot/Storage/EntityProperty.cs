using System.Globalization;

namespace MentorBot.Bot.Storage;

/// <summary>The Azure Table (EDM) property types both adapters store and give back unchanged.</summary>
internal enum EdmType
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    DateTime,
    Guid,
    Binary,
}

/// <summary>
/// One typed property value. The type travels with the value so an Int64 never comes back as a string or an Int32,
/// whichever adapter stored it. DateTimes are normalised to UTC with 100 ns precision (what Azure keeps).
/// </summary>
internal readonly struct EntityProperty : IEquatable<EntityProperty>
{
    private readonly object _value;

    private EntityProperty(EdmType type, object value)
    {
        Type = type;
        _value = value;
    }

    public EdmType Type { get; }

    public object Value => _value;

    public static EntityProperty String(string value) => new(EdmType.String, value);

    public static EntityProperty Int32(int value) => new(EdmType.Int32, value);

    public static EntityProperty Int64(long value) => new(EdmType.Int64, value);

    public static EntityProperty Double(double value) => new(EdmType.Double, value);

    public static EntityProperty Boolean(bool value) => new(EdmType.Boolean, value);

    public static EntityProperty DateTime(DateTimeOffset value) => new(EdmType.DateTime, value.ToUniversalTime());

    public static EntityProperty Guid(Guid value) => new(EdmType.Guid, value);

    public static EntityProperty Binary(ReadOnlySpan<byte> value) => new(EdmType.Binary, value.ToArray());

    public string AsString() => Expect<string>(EdmType.String);

    public int AsInt32() => Expect<int>(EdmType.Int32);

    public long AsInt64() => Expect<long>(EdmType.Int64);

    public double AsDouble() => Expect<double>(EdmType.Double);

    public bool AsBoolean() => Expect<bool>(EdmType.Boolean);

    public DateTimeOffset AsDateTime() => Expect<DateTimeOffset>(EdmType.DateTime);

    public Guid AsGuid() => Expect<Guid>(EdmType.Guid);

    public ReadOnlyMemory<byte> AsBinary() => Expect<byte[]>(EdmType.Binary);

    /// <summary>Orders two values of the same type the way Azure Table compares them; null when the types differ.</summary>
    public int? CompareTo(EntityProperty other)
    {
        if (Type != other.Type)
        {
            return null;
        }

        return Type switch
        {
            EdmType.String => string.CompareOrdinal((string)_value, (string)other._value),
            EdmType.Int32 => ((int)_value).CompareTo((int)other._value),
            EdmType.Int64 => ((long)_value).CompareTo((long)other._value),
            EdmType.Double => ((double)_value).CompareTo((double)other._value),
            EdmType.Boolean => ((bool)_value).CompareTo((bool)other._value),
            EdmType.DateTime => ((DateTimeOffset)_value).UtcTicks.CompareTo(((DateTimeOffset)other._value).UtcTicks),
            EdmType.Guid => string.CompareOrdinal(((Guid)_value).ToString("D"), ((Guid)other._value).ToString("D")),
            EdmType.Binary => ((byte[])_value).AsSpan().SequenceCompareTo((byte[])other._value),
            _ => null,
        };
    }

    public bool Equals(EntityProperty other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is EntityProperty other && Equals(other);

    public override int GetHashCode() => Type == EdmType.Binary
        ? HashCode.Combine(Type, ((byte[])_value).Length)
        : HashCode.Combine(Type, _value);

    public override string ToString() => Type switch
    {
        EdmType.Binary => $"Binary({Convert.ToBase64String((byte[])_value)})",
        EdmType.DateTime => $"DateTime({((DateTimeOffset)_value).ToString("O", CultureInfo.InvariantCulture)})",
        _ => $"{Type}({Convert.ToString(_value, CultureInfo.InvariantCulture)})",
    };

    public static bool operator ==(EntityProperty left, EntityProperty right) => left.Equals(right);

    public static bool operator !=(EntityProperty left, EntityProperty right) => !left.Equals(right);

    public static implicit operator EntityProperty(string value) => String(value);

    public static implicit operator EntityProperty(int value) => Int32(value);

    public static implicit operator EntityProperty(long value) => Int64(value);

    public static implicit operator EntityProperty(double value) => Double(value);

    public static implicit operator EntityProperty(bool value) => Boolean(value);

    public static implicit operator EntityProperty(DateTimeOffset value) => DateTime(value);

    public static implicit operator EntityProperty(Guid value) => Guid(value);

    public static implicit operator EntityProperty(byte[] value) => Binary(value);

    private T Expect<T>(EdmType expected) => Type == expected
        ? (T)_value
        : throw new InvalidOperationException($"The property holds {Type}, not {expected}.");
}
