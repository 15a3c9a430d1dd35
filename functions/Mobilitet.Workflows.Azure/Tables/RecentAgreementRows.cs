using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Agreement rows this process read or wrote a moment ago, with their ETags, so that an update's first attempt need
/// not read the row again (a workflow step reads the agreement, then changes it; the next step changes it again).
/// A remembered row is only a first guess: the write is conditional on its ETag, so if anyone wrote the row since (another
/// host) the write fails and the update reads the row afresh. Rows are kept briefly, because with several hosts a row
/// goes stale as soon as another host writes it, and their number is bounded, so memory stays flat as agreements grow.
/// </summary>
internal sealed class RecentAgreementRows : IDisposable
{
    private const int MaxRows = 4_096;
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    private readonly MemoryCache rows = new(new MemoryCacheOptions { SizeLimit = MaxRows });

    /// <summary>The row of agreement <paramref name="agreementId"/> as last read or written here, if that was a moment ago.</summary>
    public TableEntity? Find(string agreementId) => rows.TryGetValue(agreementId, out TableEntity? row) ? row : null;

    /// <summary>Remembers <paramref name="row"/> (RowKey = agreement id), which must carry the ETag storage gave it.</summary>
    public void Remember(TableEntity row) =>
        rows.Set(row.RowKey, row, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });

    public void Forget(string agreementId) => rows.Remove(agreementId);

    public void Dispose() => rows.Dispose();
}
