using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// What an email's template may show: the request's codes and dates, the agreement's read model (no personal
/// data), links, and the names of people only where the recipient needs them. It has no CPR number and no
/// postal address, so no template can print one (CPR-loven § 54).
/// </summary>
public sealed record EmailModel
{
    public required NotificationRequest Request { get; init; }

    public required AgreementRecord Agreement { get; init; }

    /// <summary>The agreement's municipality by name ("Aarhus").</summary>
    public required string MunicipalityName { get; init; }

    /// <summary>The resident's name, only in emails to the resident or to the caseworker about them.</summary>
    public string? ResidentName { get; init; }

    /// <summary>The caseworker: greeted in emails to them, named as the contact in emails to the resident.</summary>
    public required string CaseworkerName { get; init; }

    public required string CaseworkerEmail { get; init; }

    /// <summary>What the financing is for (a financing request only).</summary>
    public string? FinancingPurpose { get; init; }

    /// <summary>The breached thresholds behind an escalation of a measurement.</summary>
    public IReadOnlyList<Breach> Breaches { get; init; } = [];

    /// <summary>The business case (a financing request only).</summary>
    public BusinessCase? BusinessCase { get; init; }

    /// <summary>The agreement's measurements, for the effect summary when it completes.</summary>
    public IReadOnlyList<MeasurementRecord> Measurements { get; init; } = [];

    /// <summary>The action links, the most important first.</summary>
    public IReadOnlyList<EmailLink> Links { get; init; } = [];

    /// <summary>The escalation's level (escalation emails).</summary>
    public int Level => Request.Level ?? Escalations.EscalationLadder.FirstLevel;
}
