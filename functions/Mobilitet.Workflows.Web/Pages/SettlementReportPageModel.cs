using Mobilitet.Workflows.Financing;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Afregning": an agreement's settlement report (<see cref="SettlementReport"/>) as a Danish page.</summary>
public sealed record SettlementReportPageModel(SettlementReport Report);
