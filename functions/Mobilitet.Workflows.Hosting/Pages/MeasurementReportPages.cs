using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>The stored HTML copy of a measurement report: <see cref="MeasurementReportDocument"/>, rendered like every page.</summary>
public sealed class MeasurementReportPages(PageRenderer pages) : IMeasurementReportPages
{
    public Task<string> RenderAsync(MeasurementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return pages.RenderAsync<MeasurementReportDocument>(new Dictionary<string, object?> { [nameof(MeasurementReportDocument.Report)] = report });
    }
}
