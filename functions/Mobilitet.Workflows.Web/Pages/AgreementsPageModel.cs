using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Aftaler": the filter form as sent, its choices, and one page of results.</summary>
public sealed record AgreementsPageModel
{
    public required AgreementFilter Filter { get; init; }

    /// <summary>The municipalities the person may list (code, name), in Danish alphabetical order.</summary>
    public required IReadOnlyList<SelectOption> Municipalities { get; init; }

    /// <summary>The person reads every municipality (the monitoring unit, administrators).</summary>
    public required bool AllMunicipalities { get; init; }

    /// <summary>The person is a caseworker: "my agreements" is a filter for them.</summary>
    public required bool MayFilterOwn { get; init; }

    /// <summary>The person is a caseworker in one of their municipalities: the CPR search form is shown.</summary>
    public bool MaySearchByCpr { get; init; }

    public required AgreementResultsModel Results { get; init; }

    /// <summary>Filters that could not be used (shown by the fields; no results then).</summary>
    public FieldErrors Errors { get; init; } = FieldErrors.None;
}

/// <summary>
/// The results region of "Aftaler" (<see cref="AgreementResults"/>): the page shows it, and an htmx request
/// for the same address gets it alone.
/// </summary>
public sealed record AgreementResultsModel
{
    public static AgreementResultsModel Empty { get; } = new() { Rows = [] };

    public required IReadOnlyList<AgreementRow> Rows { get; init; }

    /// <summary>The next page with the same filters (null: this is the last page).</summary>
    public string? NextPagePath { get; init; }

    /// <summary>The first page with the same filters, on a later page.</summary>
    public string? FirstPagePath { get; init; }

    /// <summary>Some filter or search is set (the empty state says so).</summary>
    public bool Filtered { get; init; }

    /// <summary>The filters could not be used: what was wrong (an htmx request shows it here, not by the fields).</summary>
    public FieldErrors Errors { get; init; } = FieldErrors.None;

    /// <summary>The page's continuation token was not valid (an htmx request shows it here).</summary>
    public bool InvalidPageLink { get; init; }

    /// <summary>The rows are a CPR search's result (all of it, one page), not the filtered list.</summary>
    public bool CprSearch { get; init; }
}

/// <summary>One agreement in the list: ids, codes and dates only — never personal data.</summary>
/// <param name="NextDueDate">The next due date in the agreement's policy time (null: nothing scheduled, or ended).</param>
/// <param name="IsOverdue">The next due instant has passed.</param>
public sealed record AgreementRow(
    string AgreementId,
    string MunicipalityName,
    string? HousingArea,
    AgreementStatus Status,
    DateOnly? NextDueDate,
    bool IsOverdue,
    bool NeedsAction);
