using Mobilitet.Workflows.Measurements;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Målingsrapport": one milestone's measurement report (<see cref="MeasurementReport"/>) as a Danish page.</summary>
public sealed record MeasurementReportPageModel(MeasurementReport Report);
