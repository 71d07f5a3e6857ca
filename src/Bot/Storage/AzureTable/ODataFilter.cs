using System.Globalization;
using System.Text;

namespace MentorBot.Bot.Storage.AzureTable;

/// <summary>Renders an <see cref="EntityFilter"/> as an OData <c>$filter</c>; the only place OData text is produced.</summary>
internal static class ODataFilter
{
    public static string Render(string partitionKey, EntityFilter? filter)
    {
        var builder = new StringBuilder("PartitionKey eq ").Append(Literal(partitionKey));
        if (filter is not null)
        {
            builder.Append(" and ");
            Append(builder, filter);
        }

        return builder.ToString();
    }

    public static string Literal(EntityProperty value) => value.Type switch
    {
        EdmType.String => "'" + value.AsString().Replace("'", "''", StringComparison.Ordinal) + "'",
        EdmType.Int32 => value.AsInt32().ToString(CultureInfo.InvariantCulture),
        EdmType.Int64 => value.AsInt64().ToString(CultureInfo.InvariantCulture) + "L",
        EdmType.Double => DoubleLiteral(value.AsDouble()),
        EdmType.Boolean => value.AsBoolean() ? "true" : "false",
        EdmType.DateTime => "datetime'" + EntityWireJson.FormatDateTime(value.AsDateTime()) + "'",
        EdmType.Guid => "guid'" + value.AsGuid().ToString("D") + "'",
        EdmType.Binary => "X'" + Convert.ToHexStringLower(value.AsBinary().Span) + "'",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static void Append(StringBuilder builder, EntityFilter filter)
    {
        switch (filter)
        {
            case EntityFilter.Comparison c:
                builder.Append('(').Append(c.Property).Append(' ').Append(Operator(c.Operator)).Append(' ').Append(Literal(c.Value)).Append(')');
                break;
            case EntityFilter.Conjunction j:
                builder.Append('(');
                Append(builder, j.Left);
                builder.Append(j.IsAnd ? " and " : " or ");
                Append(builder, j.Right);
                builder.Append(')');
                break;
        }
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterThanOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        _ => "le",
    };

    private static string DoubleLiteral(double value)
    {
        // A literal without a decimal point would be read as Int32 and never equal a Double property.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        var e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? text + ".0" : text[..e] + ".0" + text[e..];
    }
}
