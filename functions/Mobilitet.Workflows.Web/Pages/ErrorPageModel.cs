namespace Mobilitet.Workflows.Web.Pages;

/// <summary>A page that explains why a request could not be answered as asked (the handler sets the status code).</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="RetryPath">Where to start again (a path on this site), if there is such a place.</param>
/// <param name="Detail">A Danish sentence from the command that refused (why, in its own words), if any.</param>
public sealed record ErrorPageModel(ErrorPageKind Kind, string? RetryPath = null, string? Detail = null);

public enum ErrorPageKind
{
    /// <summary>404: the escalation a link points to does not exist.</summary>
    EscalationNotFound,

    /// <summary>400: the form's antiforgery token is missing, expired or from another site.</summary>
    FormExpired,

    /// <summary>415: the post is not an ordinary (url-encoded) form.</summary>
    NotAForm,

    /// <summary>413: the form is larger than any form here needs to be.</summary>
    FormTooLarge,

    /// <summary>401: nobody is signed in.</summary>
    SignInRequired,

    /// <summary>403: the signed-in person's roles or municipalities do not allow this page or step.</summary>
    Forbidden,

    /// <summary>404: the agreement does not exist.</summary>
    AgreementNotFound,

    /// <summary>404: the agreement has no report for that milestone (not measured yet, or no such milestone).</summary>
    MeasurementReportNotFound,

    /// <summary>The agreement has no settlement report: it has not ended after its move, or the report was erased.</summary>
    SettlementReportNotFound,

    /// <summary>400: a list's "next page" link (its continuation token) is damaged or not one the list gave out.</summary>
    InvalidPageLink,

    /// <summary>404: no register import the person may see has this id.</summary>
    RegisterImportNotFound,
}
