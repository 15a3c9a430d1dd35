namespace Mobilitet.Workflows.Routes;

/// <summary>
/// The web UI's URL shape: route templates from the site root, which both hosts map the page handlers
/// to (the JSON API stays under /api, <see cref="ApiRoutes"/>). The layout's menu links to these.
/// </summary>
public static class UiRoutes
{
    /// <summary>Mine opgaver (the path "/"; the menu links here).</summary>
    public const string Home = "";

    /// <summary>
    /// The route template both hosts map <see cref="Home"/> to: an Azure Functions HTTP trigger cannot have an
    /// empty route, so the site root is an optional parameter that must be empty (it matches "/" only).
    /// </summary>
    public const string HomeTemplate = "{home:maxlength(0)?}";

    /// <summary>Ny flytteaftale.</summary>
    public const string NewAgreement = "aftaler/ny";

    /// <summary>Indlæs eksisterende aftaler: the caseload file upload (GET the form, POST the file).</summary>
    public const string CaseloadImport = "aftaler/indlaes";

    /// <summary>A caseload import's progress, then its report.</summary>
    public const string CaseloadImportStatus = "aftaler/indlaes/{importId}";

    /// <summary>"/aftaler/indlaes/{importId}".</summary>
    public static string CaseloadImportStatusPath(string importId) => "/" + Fill(CaseloadImportStatus, "{importId}", importId);

    /// <summary>Aftaler.</summary>
    public const string Agreements = "aftaler";

    /// <summary>Aftale: one agreement (GET). Its steps are forms that post to the routes below and redirect back here.</summary>
    public const string Agreement = "aftaler/{id}";

    /// <summary>The caseworker records the resident's answer (consent given or declined).</summary>
    public const string AgreementConsent = Agreement + "/samtykke";

    /// <summary>A finance approver decides the financing request.</summary>
    public const string AgreementFinancing = Agreement + "/finansiering";

    /// <summary>The caseworker records the move.</summary>
    public const string AgreementMove = Agreement + "/flytning";

    /// <summary>The caseworker records a milestone's measurement by hand.</summary>
    public const string AgreementMeasurement = Agreement + "/maaling";

    /// <summary>Målingsrapport: one milestone's measurement report (GET), for those who may read the agreement.</summary>
    public const string AgreementMeasurementReport = Agreement + "/maalinger/{milestone}";

    /// <summary>Afregning: the financing's settlement report (GET), for those who may read the agreement.</summary>
    public const string AgreementSettlementReport = Agreement + "/afregning";

    /// <summary>The caseworker cancels the agreement.</summary>
    public const string AgreementCancel = Agreement + "/annuller";

    /// <summary>The caseworker records that the resident withdrew consent (the personal data is erased).</summary>
    public const string AgreementWithdrawConsent = Agreement + "/tilbagetraek-samtykke";

    /// <summary>The resident's well-being check-in (GET shows it, POST is its form); the link in the email carries ?token=.</summary>
    public const string CheckIn = "trivsel";

    /// <summary>Finansiering.</summary>
    public const string Financing = "finansiering";

    /// <summary>A finance approver's decision on one agreement's financing, posted from <see cref="Financing"/>.</summary>
    public const string FinancingDecision = "finansiering/{id}/afgoerelse";

    /// <summary>Eskaleringer.</summary>
    public const string Escalations = "eskaleringer";

    /// <summary>A signed-in supervisor's decision on one escalation, posted from <see cref="Escalations"/>.</summary>
    public const string EscalationDecision = "eskaleringer/{escalationId}/beslutning";

    /// <summary>A caseworker's "done" on a follow-up task, posted from <see cref="Home"/> (Mine opgaver).</summary>
    public const string FollowUpDone = "opgaver/opfoelgning/{escalationId}/udfoert";

    /// <summary>Revision (the audit log).</summary>
    public const string Audit = "revision";

    /// <summary>Fejlede e-mails: the emails the email service refused for good (administrators).</summary>
    public const string FailedNotifications = "fejlede-emails";

    /// <summary>Drift (administrators): the agreements that need an operator, each with its actions.</summary>
    public const string Operations = "drift";

    /// <summary>An operator's action on one agreement (retry, restart, terminate), posted from <see cref="Operations"/>.</summary>
    public const string OperationsAction = "drift/{id}/handling";

    /// <summary>"/drift/{id}/handling".</summary>
    public static string OperationsActionPath(string agreementId) => "/" + Fill(OperationsAction, "{id}", agreementId);

    /// <summary>Registerudtræk: the upload form (GET shows it with the recent imports, POST is the multipart upload).</summary>
    public const string RegisterExtracts = "registerudtraek";

    /// <summary>One import's kept report.</summary>
    public const string RegisterExtractReport = "registerudtraek/{importId}";

    /// <summary>Effekt (the effect dashboard).</summary>
    public const string Effects = "effekt";

    /// <summary>The financing portfolio (the monitoring unit, finance approvers, administrators).</summary>
    public const string Portfolio = "portefoelje";

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

    /// <summary>"/aftaler/{id}" for an agreement, or the path of one of its step routes (<paramref name="template"/>, e.g. <see cref="AgreementConsent"/>).</summary>
    public static string AgreementPath(string agreementId, string template = Agreement)
    {
        ArgumentException.ThrowIfNullOrEmpty(agreementId);
        ArgumentNullException.ThrowIfNull(template);
        return template.StartsWith(Agreement, StringComparison.Ordinal)
            ? "/" + template.Replace("{id}", Uri.EscapeDataString(agreementId), StringComparison.Ordinal)
            : throw new ArgumentException($"'{template}' is not an agreement route.", nameof(template));
    }

    /// <summary>"/aftaler/{id}/maalinger/M3".</summary>
    public static string MeasurementReportPath(string agreementId, Indicators.Milestone milestone) =>
        AgreementPath(agreementId, AgreementMeasurementReport).Replace("{milestone}", milestone.ToString(), StringComparison.Ordinal);

    /// <summary>"/finansiering/{id}/afgoerelse".</summary>
    public static string FinancingDecisionPath(string agreementId) => "/" + Fill(FinancingDecision, "{id}", agreementId);

    /// <summary>"/eskaleringer/{escalationId}/beslutning".</summary>
    public static string EscalationDecisionPath(string escalationId) => "/" + Fill(EscalationDecision, "{escalationId}", escalationId);

    /// <summary>"/opgaver/opfoelgning/{escalationId}/udfoert".</summary>
    public static string FollowUpDonePath(string escalationId) => "/" + Fill(FollowUpDone, "{escalationId}", escalationId);

    /// <summary>"/registerudtraek/{importId}".</summary>
    public static string RegisterExtractReportPath(string importId) => "/" + Fill(RegisterExtractReport, "{importId}", importId);

    /// <summary>The path of a route without parameters: "/" + template.</summary>
    public static string PathOf(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Contains('{', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{template}' has parameters; build its path with its own helper.", nameof(template))
            : "/" + template;
    }

    private static string Fill(string template, string parameter, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return template.Replace(parameter, Uri.EscapeDataString(value), StringComparison.Ordinal);
    }
}
