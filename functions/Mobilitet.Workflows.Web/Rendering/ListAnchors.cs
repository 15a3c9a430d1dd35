namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// The element ids the list pages give each row, so other pages can link straight to it
/// ("/eskaleringer#eskalering-…") and a form's error summary can point into it.
/// </summary>
public static class ListAnchors
{
    /// <summary>A financing request on /finansiering.</summary>
    public static string Financing(string agreementId) => "finansiering-" + agreementId;

    /// <summary>An escalation on /eskaleringer.</summary>
    public static string Escalation(string escalationId) => "eskalering-" + escalationId;
}
