namespace Mobilitet.Workflows.Routes;

/// <summary>
/// The web UI's URL shape: route templates from the site root, which both hosts map the page handlers
/// to (the JSON API stays under /api, <see cref="ApiRoutes"/>). The layout's menu links to these.
/// </summary>
public static class UiRoutes
{
    /// <summary>Mine opgaver.</summary>
    public const string Home = "";

    /// <summary>Ny flytteaftale.</summary>
    public const string NewAgreement = "aftaler/ny";

    /// <summary>Aftaler.</summary>
    public const string Agreements = "aftaler";

    /// <summary>Finansiering.</summary>
    public const string Financing = "finansiering";

    /// <summary>Eskaleringer.</summary>
    public const string Escalations = "eskaleringer";

    /// <summary>Revision (the audit log).</summary>
    public const string Audit = "revision";

    /// <summary>The static files (CSS, scripts, fonts, icons); a catch-all after "static/".</summary>
    public const string Static = "static/{*path}";

    /// <summary>
    /// A supervisor's decision page, opened from the escalation email: GET shows it, POST is its form.
    /// It keeps its address under /api/escalations/, which emails already link to and App Service
    /// Authentication lets through without sign-in (the signed token in the link authorizes).
    /// </summary>
    public const string EscalationDecisionPage = ApiRoutes.Base + ApiRoutes.EscalationDecisionPage;

    /// <summary>Sign-out: App Service Authentication's endpoint (the local development sign-in is to answer it too).</summary>
    public const string SignOutPath = "/.auth/logout";

    /// <summary>The path of a route without parameters: "/" + template.</summary>
    public static string PathOf(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Contains('{', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{template}' has parameters; build its path with its own helper.", nameof(template))
            : "/" + template;
    }
}
