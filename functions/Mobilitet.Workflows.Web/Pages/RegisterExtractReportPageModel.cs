using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>One import's kept report, with its record (when, for which municipalities, by upload or drop folder).</summary>
public sealed record RegisterExtractReportPageModel(RegisterImport Import, ExtractImportReport Report);
