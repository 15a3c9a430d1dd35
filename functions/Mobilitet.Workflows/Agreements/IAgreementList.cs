namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// The agreement list ("Aftaler"), paged on the server and read by key: each filter is a range of an
/// index sorted by next due date, so a page costs about as many reads as it has rows however many
/// agreements a municipality has. Combined filters read the most selective index and check the rest
/// agreement by agreement.
/// </summary>
public interface IAgreementList
{
    /// <param name="continuationToken">Null for the first page, else the token of the page before (same query).</param>
    /// <param name="pageSize">1–<see cref="MaxPageSize"/>.</param>
    /// <exception cref="ArgumentException">The continuation token is not one this list gave out.</exception>
    Task<AgreementPage> QueryAsync(AgreementQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>The largest page <see cref="QueryAsync"/> serves.</summary>
    public const int MaxPageSize = 200;
}
