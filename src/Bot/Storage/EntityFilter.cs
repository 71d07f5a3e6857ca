namespace MentorBot.Bot.Storage;

internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary>
/// A small typed filter: <c>property op value</c> combined with and/or. Callers never write OData; the Azure
/// adapter renders it (quoting, type literals) and the other adapters evaluate it with the same rules: a property
/// that is missing or of another type than the value never matches (Azure Table's typed comparison).
/// <c>PartitionKey</c> and <c>RowKey</c> can be filtered like string properties. Compare a property only with a
/// value of the type the store writes: a cross-type comparison (Int32 property vs Int64 literal) is unspecified —
/// the in-process evaluators say "no match", Azurite answers 500.
/// </summary>
internal abstract record EntityFilter
{
    public const string PartitionKeyName = "PartitionKey";
    public const string RowKeyName = "RowKey";

    /// <summary>Azure rejects filters with more than 15 discrete comparisons.</summary>
    public const int MaxComparisons = 15;

    public static EntityFilter Equal(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.Equal, value);

    public static EntityFilter NotEqual(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.NotEqual, value);

    public static EntityFilter GreaterThan(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.GreaterThan, value);

    public static EntityFilter GreaterThanOrEqual(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.GreaterThanOrEqual, value);

    public static EntityFilter LessThan(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.LessThan, value);

    public static EntityFilter LessThanOrEqual(string property, EntityProperty value) => new Comparison(property, ComparisonOperator.LessThanOrEqual, value);

    /// <summary>Row keys starting with <paramref name="prefix"/>: a range, so it stays an index seek on every backend.</summary>
    public static EntityFilter RowKeyStartsWith(string prefix) => prefix.Length == 0
        ? GreaterThanOrEqual(RowKeyName, string.Empty)
        : GreaterThanOrEqual(RowKeyName, prefix) & LessThan(RowKeyName, prefix[..^1] + (char)(prefix[^1] + 1));

    public EntityFilter And(EntityFilter other) => new Conjunction(this, other, IsAnd: true);

    public EntityFilter Or(EntityFilter other) => new Conjunction(this, other, IsAnd: false);

    public static EntityFilter operator &(EntityFilter left, EntityFilter right) => left.And(right);

    public static EntityFilter operator |(EntityFilter left, EntityFilter right) => left.Or(right);

    public abstract bool Matches(TableEntity entity);

    public abstract int ComparisonCount { get; }

    internal sealed record Comparison(string Property, ComparisonOperator Operator, EntityProperty Value) : EntityFilter
    {
        public override int ComparisonCount => 1;

        public override bool Matches(TableEntity entity)
        {
            EntityProperty actual;
            if (Property == PartitionKeyName)
            {
                actual = entity.PartitionKey;
            }
            else if (Property == RowKeyName)
            {
                actual = entity.RowKey;
            }
            else if (!entity.TryGet(Property, out actual))
            {
                return false;
            }

            if (actual.CompareTo(Value) is not { } order)
            {
                return false;
            }

            return Operator switch
            {
                ComparisonOperator.Equal => order == 0,
                ComparisonOperator.NotEqual => order != 0,
                ComparisonOperator.GreaterThan => order > 0,
                ComparisonOperator.GreaterThanOrEqual => order >= 0,
                ComparisonOperator.LessThan => order < 0,
                ComparisonOperator.LessThanOrEqual => order <= 0,
                _ => false,
            };
        }
    }

    internal sealed record Conjunction(EntityFilter Left, EntityFilter Right, bool IsAnd) : EntityFilter
    {
        public override int ComparisonCount => Left.ComparisonCount + Right.ComparisonCount;

        public override bool Matches(TableEntity entity) => IsAnd
            ? Left.Matches(entity) && Right.Matches(entity)
            : Left.Matches(entity) || Right.Matches(entity);
    }
}
