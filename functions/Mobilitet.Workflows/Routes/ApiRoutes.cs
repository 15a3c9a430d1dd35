namespace Mobilitet.Workflows.Routes;

/// <summary>
/// The JSON API's URL shape, in one place: both hosts map their HTTP handlers to these templates
/// (relative to the "api" prefix: <see cref="Base"/> + template is the route from the site root), and
/// emails build their links from them. The pages' routes are in <see cref="UiRoutes"/>.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    /// <summary>What an API template is put after to make a route from the site root ("api/agreements").</summary>
    public const string Base = Prefix + "/";

    public const string Agreements = "agreements";
    public const string Agreement = "agreements/{id}";

    /// <summary>POST {"cpr"}: a resident's agreements in the caller's municipalities, by the keyed hash of the CPR number.</summary>
    public const string AgreementSearch = "agreements/search";
    public const string PersonalData = "agreements/{id}/personal-data";

    /// <summary>
    /// GET: where the agreement's workflow stands (status, next due, ended) from its row alone, one table read: what a
    /// client polls after a step's 202, which points here (the full agreement is four reads).
    /// </summary>
    public const string AgreementStatus = "agreements/{id}/status";
    public const string Consent = "agreements/{id}/consent";
    public const string Financing = "agreements/{id}/financing";
    public const string Move = "agreements/{id}/move";
    public const string Measurements = "agreements/{id}/measurements";
    public const string WithdrawConsent = "agreements/{id}/withdraw-consent";
    public const string Cancel = "agreements/{id}/cancel";
    public const string EscalationDecision = "escalations/{escalationId}/decision";

    /// <summary>POST (no body needed): the agreement's caseworker has done the follow-up a supervisor decided on the escalation.</summary>
    public const string FollowUpDone = "agreements/{id}/follow-ups/{escalationId}/done";

    /// <summary>The decision page emails link to (GET shows it, POST is its form); see <see cref="UiRoutes.EscalationDecisionPage"/>.</summary>
    public const string EscalationDecisionPage = "escalations/{escalationId}/decide";
    public const string Municipalities = "municipalities";
    public const string Audit = "audit";

    /// <summary>POST a register extract (text/csv): the monitoring unit and administrators import it for their municipalities.</summary>
    public const string RegisterExtracts = "registers/extracts";

    /// <summary>POST a caseload file (text/csv): existing agreements, created row by row; caseworkers and administrators.</summary>
    public const string CaseloadImports = "agreements/bulk";

    /// <summary>GET a caseload import's progress and report (the person who started it).</summary>
    public const string CaseloadImport = "agreements/bulk/{importId}";

    public static string CaseloadImportPath(string importId) =>
        $"/{Prefix}/{CaseloadImport.Replace("{importId}", Uri.EscapeDataString(importId), StringComparison.Ordinal)}";

    /// <summary>GET the effect dashboard's aggregates (JSON, or CSV with format=csv): the monitoring unit and administrators.</summary>
    public const string Effects = "effects";

    /// <summary>GET: the financing portfolio (JSON or CSV) for the monitoring unit, finance approvers and administrators.</summary>
    public const string FinancingPortfolio = "financing/portfolio";

    /// <summary>GET (administrators): the agreements that need an operator (failed, stalled, no engine instance), with the reason.</summary>
    public const string OperationsAgreements = "operations/agreements";

    /// <summary>POST {"reason"} (administrators): re-run the agreement's failed workflow generation (docs/operations.md).</summary>
    public const string OperationsRetry = "operations/agreements/{id}/retry";

    /// <summary>POST {"reason"} (administrators): start the agreement's workflow again from its last good step.</summary>
    public const string OperationsRestart = "operations/agreements/{id}/restart";

    /// <summary>POST {"reason", "note"} (administrators): end the agreement (Cancelled), its workflow and its escalations.</summary>
    public const string OperationsTerminate = "operations/agreements/{id}/terminate";

    /// <summary>GET: whether the host's storage (and the local host's engine) answer; anonymous, 503 when not.</summary>
    public const string Health = "health";

    public static string AgreementPath(string agreementId) => $"/{Prefix}/{Agreements}/{agreementId}";

    public static string AgreementStatusPath(string agreementId) => $"{AgreementPath(agreementId)}/status";

    public static string DecisionPagePath(string escalationId) =>
        $"/{Prefix}/{EscalationDecisionPage.Replace("{escalationId}", Uri.EscapeDataString(escalationId), StringComparison.Ordinal)}";
}
