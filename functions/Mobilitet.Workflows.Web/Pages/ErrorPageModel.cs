namespace Mobilitet.Workflows.Web.Pages;

/// <summary>A page that explains why a request could not be answered as asked (the handler sets the status code).</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="RetryPath">Where to start again (a path on this site), if there is such a place.</param>
public sealed record ErrorPageModel(ErrorPageKind Kind, string? RetryPath = null);

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
}
