using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// What the agreement list ("Aftaler") shows: filters that all must hold, and a search. Results are
/// sorted by <see cref="AgreementRecord.NextDueAt"/> (ended agreements last).
/// </summary>
public sealed record AgreementQuery
{
    /// <summary>
    /// The municipalities to list. Null lists every municipality: only for a caller who may read all
    /// (the monitoring unit, <see cref="ForUser"/>); an empty set lists nothing.
    /// </summary>
    public required IReadOnlySet<string>? MunicipalityCodes { get; init; }

    public AgreementStatus? Status { get; init; }

    /// <summary>The vulnerable housing area (<see cref="AgreementRecord.HousingArea"/>), compared as <see cref="HousingAreas.Normalize"/> does.</summary>
    public string? HousingArea { get; init; }

    /// <summary>The responsible caseworker's opaque id (<see cref="AgreementRecord.CaseworkerId"/>).</summary>
    public string? CaseworkerId { get; init; }

    /// <summary>True: only agreements that need action ("kræver handling"); false: only those that do not; null: both.</summary>
    public bool? NeedsAction { get; init; }

    /// <summary>
    /// Free text: an agreement id (exactly, any letter case) finds that agreement; anything else is a
    /// housing area, compared like <see cref="HousingArea"/>.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>
    /// Every agreement the signed-in person may list, by the same rule as reading one (<see cref="Access.ReadableMunicipalities"/>):
    /// all municipalities for the monitoring unit and administrators, else the ones they serve in a role that reads agreements.
    /// </summary>
    public static AgreementQuery ForUser(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AgreementQuery { MunicipalityCodes = user.ReadableMunicipalities() };
    }

    /// <summary>The agreement id <see cref="Search"/> names, if it is one.</summary>
    public string? SearchedAgreementId =>
        Search?.Trim().ToLowerInvariant() is { } text && AgreementIds.IsWellFormed(text) ? text : null;

    /// <summary>The housing area to match: <see cref="HousingArea"/> and/or a search that is not an id (both must match).</summary>
    public IReadOnlyList<string> AreasToMatch =>
        new[] { HousingArea, SearchedAgreementId is null && !string.IsNullOrWhiteSpace(Search) ? Search : null }
            .OfType<string>()
            .Where(area => !string.IsNullOrWhiteSpace(area))
            .ToList();

    /// <summary>Whether <paramref name="agreement"/> passes every filter and the search.</summary>
    public bool Matches(AgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return (MunicipalityCodes is null || MunicipalityCodes.Contains(agreement.MunicipalityCode))
            && (Status is not { } status || agreement.Status == status)
            && AreasToMatch.All(area => HousingAreas.Same(area, agreement.HousingArea))
            && (CaseworkerId is null || string.Equals(CaseworkerId, agreement.CaseworkerId, StringComparison.Ordinal))
            && (NeedsAction is not { } needsAction || agreement.NeedsAction == needsAction)
            && (SearchedAgreementId is not { } id || agreement.AgreementId == id);
    }
}
