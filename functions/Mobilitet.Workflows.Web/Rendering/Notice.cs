namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// A message shown once on the page a form redirects to (Post/Redirect/Get). Only these values travel
/// (in a short-lived cookie), never text, so a crafted request cannot put words on a page. The Danish
/// wording is in <see cref="Layout.NoticeArea"/>.
/// </summary>
public enum Notice
{
    /// <summary>An escalation decision was recorded.</summary>
    DecisionRecorded = 1,

    /// <summary>A new agreement was created (Ny flytteaftale).</summary>
    AgreementCreated = 2,

    /// <summary>The resident's answer on consent was recorded.</summary>
    ConsentRecorded = 3,

    /// <summary>A financing decision was recorded.</summary>
    FinancingDecisionRecorded = 4,

    /// <summary>The move was recorded.</summary>
    MoveRecorded = 5,

    /// <summary>A milestone's measurement was recorded by hand.</summary>
    MeasurementRecorded = 6,

    /// <summary>The agreement's cancellation was handed to its workflow.</summary>
    CancellationRecorded = 7,

    /// <summary>The resident's withdrawal of consent was handed to the workflow.</summary>
    ConsentWithdrawalRecorded = 8,

    /// <summary>A finance approver's approval was recorded.</summary>
    FinancingApproved = 9,

    /// <summary>A finance approver's rejection was recorded.</summary>
    FinancingRejected = 10,

    /// <summary>A register extract was imported from the upload page (its report is shown).</summary>
    RegisterExtractImported = 11,

    /// <summary>A caseworker marked a follow-up task done.</summary>
    FollowUpDone = 12,

    /// <summary>An operator's action (retry, restart, terminate) was done (Drift).</summary>
    OperatorActionDone = 13,
}
