using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>The stored HTML copy of a settlement report: <see cref="SettlementReportDocument"/>, rendered like every page.</summary>
public sealed class SettlementReportPages(PageRenderer pages) : ISettlementReportPages
{
    public Task<string> RenderAsync(SettlementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return pages.RenderAsync<SettlementReportDocument>(new Dictionary<string, object?> { [nameof(SettlementReportDocument.Report)] = report });
    }
}
