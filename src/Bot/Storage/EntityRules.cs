using System.Text.RegularExpressions;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Azure Table's limits, checked up front by every adapter so SQLite refuses exactly what Azure would and a bad
/// entity never gets half-way. Where Azurite is stricter than Azure (key length) we take the stricter value.
/// </summary>
internal static partial class EntityRules
{
    /// <summary>Azurite's limit; Azure allows 1 KiB of UTF-16, i.e. the same 512 characters.</summary>
    public const int MaxKeyLength = 512;

    public const int MaxPropertyCount = 252;

    public const int MaxPropertyNameLength = 255;

    /// <summary>64 KiB: 32K UTF-16 characters for strings, 64 KiB for binary.</summary>
    public const int MaxValueBytes = 64 * 1024;

    public const int MaxEntityBytes = 1024 * 1024;

    public const int MaxBatchOperations = 100;

    /// <summary>Azure's $top limit and page size.</summary>
    public const int MaxPageSize = 1000;

    private static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void ValidateTableName(string name)
    {
        if (!TableNamePattern().IsMatch(name) || string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidEntityException(
                $"Table name '{name}' is invalid: 3-63 letters or digits, starting with a letter, not 'tables'.", nameof(name));
        }
    }

    public static void ValidateKey(string key, string keyName)
    {
        if (key.Length > MaxKeyLength)
        {
            throw new InvalidEntityException($"{keyName} is {key.Length} characters long; the limit is {MaxKeyLength}.", keyName);
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw new InvalidEntityException(
                    $"{keyName} contains '{(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())}' at position {i}; keys may not contain / \\ # ? or control characters.",
                    keyName);
            }
        }

        if (!IsWellFormedUtf16(key))
        {
            throw new InvalidEntityException($"{keyName} contains an unpaired surrogate.", keyName);
        }
    }

    public static void ValidateKeys(string partitionKey, string rowKey)
    {
        ValidateKey(partitionKey, "PartitionKey");
        ValidateKey(rowKey, "RowKey");
    }

    public static void ValidatePropertyName(string name)
    {
        if (name.Length > MaxPropertyNameLength || !PropertyNamePattern().IsMatch(name))
        {
            throw new InvalidEntityException(
                $"Property name '{name}' is invalid: a letter or '_' followed by letters, digits or '_', at most {MaxPropertyNameLength} characters.",
                nameof(name));
        }

        if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidEntityException($"Property name '{name}' is reserved by the table service.", nameof(name));
        }
    }

    public static void ValidateEntity(TableEntity entity)
    {
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        if (entity.Properties.Count > MaxPropertyCount)
        {
            throw new InvalidEntityException(
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) has {entity.Properties.Count} properties; the limit is {MaxPropertyCount}.");
        }

        // Azure's accounting: 4 + 2·len per key, 8 + 2·len(name) + value size per property.
        long size = 8 + (2L * entity.PartitionKey.Length) + (2L * entity.RowKey.Length);
        foreach (var (name, value) in entity.Properties)
        {
            ValidatePropertyName(name);
            size += 8 + (2L * name.Length) + ValidateValue(name, value);
        }

        if (size > MaxEntityBytes)
        {
            throw new InvalidEntityException(
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) is about {size} bytes; the limit is {MaxEntityBytes}.");
        }
    }

    public static void ValidateFilter(EntityFilter filter)
    {
        if (filter.ComparisonCount > EntityFilter.MaxComparisons)
        {
            throw new InvalidEntityException(
                $"The filter has {filter.ComparisonCount} comparisons; the limit is {EntityFilter.MaxComparisons}.", nameof(filter));
        }

        Visit(filter);

        static void Visit(EntityFilter node)
        {
            switch (node)
            {
                case EntityFilter.Comparison c:
                    if (c.Property is not (EntityFilter.PartitionKeyName or EntityFilter.RowKeyName))
                    {
                        ValidatePropertyName(c.Property);
                    }
                    else if (c.Value.Type != EdmType.String)
                    {
                        throw new InvalidEntityException($"{c.Property} can only be compared with a string.", nameof(filter));
                    }

                    ValidateValue(c.Property, c.Value);
                    break;
                case EntityFilter.Conjunction j:
                    Visit(j.Left);
                    Visit(j.Right);
                    break;
            }
        }
    }

    /// <summary>
    /// What every engine checks before a partition query (key, page size, filter), in the same order, so the three
    /// engines reject the same requests with the same messages. Returns the page size to use.
    /// </summary>
    public static int ValidatePartitionQuery(string partitionKey, EntityFilter? filter, int? top)
    {
        ValidateKey(partitionKey, "PartitionKey");
        ValidatePageSize(top);
        if (filter is not null)
        {
            ValidateFilter(filter);
        }

        return top ?? MaxPageSize;
    }

    public static void ValidatePageSize(int? top)
    {
        if (top is < 1 or > MaxPageSize)
        {
            throw new InvalidEntityException($"Page size {top} is out of range 1..{MaxPageSize}.", nameof(top));
        }
    }

    private static long ValidateValue(string name, EntityProperty value)
    {
        switch (value.Type)
        {
            case EdmType.String:
                var s = value.AsString();
                if (2L * s.Length > MaxValueBytes)
                {
                    throw new InvalidEntityException($"String property '{name}' has {s.Length} characters; the limit is {MaxValueBytes / 2}.", name);
                }

                if (!IsWellFormedUtf16(s))
                {
                    throw new InvalidEntityException($"String property '{name}' contains an unpaired surrogate.", name);
                }

                return 4 + (2L * s.Length);
            case EdmType.Binary:
                var b = value.AsBinary();
                if (b.Length > MaxValueBytes)
                {
                    throw new InvalidEntityException($"Binary property '{name}' has {b.Length} bytes; the limit is {MaxValueBytes}.", name);
                }

                return 4 + b.Length;
            case EdmType.Double when !double.IsFinite(value.AsDouble()):
                throw new InvalidEntityException($"Double property '{name}' is {value.AsDouble()}; only finite values are stored.", name);
            case EdmType.DateTime when value.AsDateTime() < MinDateTime:
                throw new InvalidEntityException($"DateTime property '{name}' is before 1601-01-01, the table service's minimum.", name);
            case EdmType.Int32:
                return 4;
            case EdmType.Boolean:
                return 1;
            case EdmType.Guid:
                return 16;
            default:
                return 8;
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();
}
