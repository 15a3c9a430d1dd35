using Mobilitet.Workflows.Financing;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Portefølje": the report and its CSV download.</summary>
public sealed record PortfolioPageModel(PortfolioReport Report, string CsvPath);
