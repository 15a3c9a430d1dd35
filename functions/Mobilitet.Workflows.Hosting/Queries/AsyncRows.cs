namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>Keeping the rows of a streamed table read that a query needs, as they arrive.</summary>
internal static class AsyncRows
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> rows, Func<T, bool> keep)
    {
        List<T> kept = [];
        await foreach (var row in rows)
        {
            if (keep(row))
            {
                kept.Add(row);
            }
        }

        return kept;
    }
}
