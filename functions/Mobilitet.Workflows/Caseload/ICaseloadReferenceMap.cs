namespace Mobilitet.Workflows.Caseload;

/// <summary>Which agreement a caseload reference was given, and by which import.</summary>
public sealed record CaseloadReference(string AgreementId, string ImportId);

/// <summary>
/// Caseload reference → agreement, per municipality, keyed by <see cref="CaseloadReferenceKeys"/> (never the
/// reference itself). The agreement id is reserved here before the agreement is created under it, so an import that
/// crashes between the two creates the same agreement when it runs again, never a second one.
/// </summary>
public interface ICaseloadReferenceMap
{
    Task<CaseloadReference?> FindAsync(string municipalityCode, string referenceKey, CancellationToken cancellationToken);

    /// <summary>Reserves <paramref name="reference"/> for the key unless one stands already; returns the one that stands.</summary>
    Task<CaseloadReference> ReserveAsync(string municipalityCode, string referenceKey, CaseloadReference reference, CancellationToken cancellationToken);
}
