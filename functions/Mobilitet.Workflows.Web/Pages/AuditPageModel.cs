using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Revision": one day of the audit log (a Danish calendar day), newest first.</summary>
/// <param name="Day">The day shown (null when the date asked for could not be read).</param>
/// <param name="DayText">The date as the form sent it (ÅÅÅÅ-MM-DD).</param>
public sealed record AuditPageModel(DateOnly? Day, string? DayText, IReadOnlyList<AuditEntry> Entries, FieldErrors Errors)
{
    /// <summary>The date field's name in the query string.</summary>
    public const string DayField = "dato";
}
