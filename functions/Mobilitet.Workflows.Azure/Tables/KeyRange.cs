using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The rows of one partition whose RowKey starts with <see cref="Prefix"/> (empty: the whole partition). What follows
/// the prefix is the row's sort key, the same shape in every range, so ranges merge on it (<see cref="MergedRangeScan"/>).
/// A non-empty prefix ends with <see cref="Terminator"/>, which escaped key parts never contain, so no range's prefix
/// is the start of another's.
/// </summary>
internal readonly record struct KeyRange(string PartitionKey, string Prefix)
{
    public const char Terminator = '!';

    public static KeyRange Whole(string partitionKey) => new(partitionKey, string.Empty);

    /// <summary>The row's sort key: its RowKey without the prefix.</summary>
    public string SortKeyOf(TableEntity row) => row.RowKey[Prefix.Length..];

    /// <summary>The rows after <paramref name="afterSortKey"/> (null: from the start), and only this range's.</summary>
    public string Filter(string? afterSortKey)
    {
        if (Prefix.Length == 0)
        {
            return afterSortKey is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {afterSortKey}");
        }

        // Everything under the prefix sorts below the prefix with its terminator replaced by the next character.
        var end = string.Concat(Prefix.AsSpan(0, Prefix.Length - 1), char.ToString((char)(Terminator + 1)));
        var start = afterSortKey is null ? Prefix : Prefix + afterSortKey;
        return afterSortKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {start} and RowKey lt {end}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {start} and RowKey lt {end}");
    }
}
