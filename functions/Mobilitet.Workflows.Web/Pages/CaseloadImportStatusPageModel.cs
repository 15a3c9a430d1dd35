using Mobilitet.Workflows.Caseload;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>A caseload import's progress while it runs (the page reloads itself), then its report.</summary>
public sealed record CaseloadImportStatusPageModel(CaseloadImportReport Report)
{
    /// <summary>Seconds between reloads while the import runs.</summary>
    public const int RefreshSeconds = 2;
}
