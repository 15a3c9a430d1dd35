namespace Mobilitet.Workflows.Measurements;

/// <summary>Renders a measurement report as a whole Danish HTML page, with the web UI's templates (kept beside its JSON).</summary>
public interface IMeasurementReportPages
{
    Task<string> RenderAsync(MeasurementReport report);
}
