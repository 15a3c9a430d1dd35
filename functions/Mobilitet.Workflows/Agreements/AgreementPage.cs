namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// One page of the agreement list. Pass <see cref="ContinuationToken"/> back for the next page (null: no
/// more). A page may hold fewer agreements than asked — even none — and still have a token, when a
/// combination of filters matches rarely: the list reads a bounded number of rows per page.
/// </summary>
public sealed record AgreementPage(IReadOnlyList<AgreementRecord> Agreements, string? ContinuationToken);
