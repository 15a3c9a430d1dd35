namespace Mobilitet.Workflows.Routes;

/// <summary>
/// The app's URL shape, in one place: both hosts map their HTTP handlers to these templates
/// (relative to the "api" prefix), and emails build their links from them.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    public const string Agreements = "agreements";
    public const string Agreement = "agreements/{id}";
    public const string PersonalData = "agreements/{id}/personal-data";
    public const string Consent = "agreements/{id}/consent";
    public const string Financing = "agreements/{id}/financing";
    public const string Move = "agreements/{id}/move";
    public const string Measurements = "agreements/{id}/measurements";
    public const string WithdrawConsent = "agreements/{id}/withdraw-consent";
    public const string Cancel = "agreements/{id}/cancel";
    public const string EscalationDecision = "escalations/{escalationId}/decision";
    public const string EscalationDecisionPage = "escalations/{escalationId}/decide";
    public const string Municipalities = "municipalities";
    public const string Audit = "audit";

    public static string AgreementPath(string agreementId) => $"/{Prefix}/{Agreements}/{agreementId}";

    public static string DecisionPagePath(string escalationId) =>
        $"/{Prefix}/{EscalationDecisionPage.Replace("{escalationId}", escalationId, StringComparison.Ordinal)}";
}
