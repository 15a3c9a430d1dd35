using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// The filters of the agreement list ("Aftaler") as the page's GET form sends them, by their query-string
/// names; <see cref="Path"/> is the list's address with the same filters, and a continuation token for a
/// next page. Values are as typed (the handler checks them).
/// </summary>
public sealed record AgreementFilter
{
    public const string MunicipalityField = "kommune";
    public const string StatusField = "status";
    public const string AreaField = "omraade";
    public const string CaseworkerField = "sagsbehandler";
    public const string NeedsActionField = "handling";
    public const string SearchField = "soeg";
    public const string PageField = ListPaging.TokenField;

    /// <summary>The CPR search form's field (a POST form of its own: a CPR number is never in an address).</summary>
    public const string CprField = "cpr";

    /// <summary>The caseworker field's value for "my agreements" (the other is <see cref="Everyone"/>).</summary>
    public const string Mine = "mine";
    public const string Everyone = "alle";

    /// <summary>The "kræver handling" checkbox's value.</summary>
    public const string Yes = "ja";

    public static AgreementFilter None { get; } = new();

    /// <summary>A municipality code.</summary>
    public string? Municipality { get; init; }

    /// <summary>An <see cref="Agreements.AgreementStatus"/> name.</summary>
    public string? Status { get; init; }

    public string? Area { get; init; }

    /// <summary>Only the signed-in caseworker's own agreements.</summary>
    public bool MineOnly { get; init; }

    public bool NeedsAction { get; init; }

    /// <summary>An agreement id or a housing area.</summary>
    public string? Search { get; init; }

    public bool IsEmpty => this == None;

    /// <summary>"/aftaler?…" with these filters (empty ones left out) and, for a next page, its token.</summary>
    public string Path(string? continuationToken = null)
    {
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
            {
                new(MunicipalityField, Municipality),
                new(StatusField, Status),
                new(AreaField, Area),
                new(CaseworkerField, MineOnly ? Mine : null),
                new(NeedsActionField, NeedsAction ? Yes : null),
                new(SearchField, Search),
                new(PageField, continuationToken),
            }
            .Where(pair => !string.IsNullOrEmpty(pair.Value)));
        return UiRoutes.PathOf(UiRoutes.Agreements) + query.ToUriComponent();
    }
}
