using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Timeline;

[JsonConverter(typeof(JsonStringEnumConverter<TimelineKind>))]
public enum TimelineKind
{
    AgreementCreated,
    ConsentReminderSent,
    ConsentGiven,
    ConsentDeclined,
    ConsentExpired,
    FinancingRequested,
    FinancingAutoApproved,
    FinancingApproved,
    FinancingRejected,
    MoveReminderSent,
    MoveRecorded,
    MilestoneMeasured,
    MeasurementDataMissing,
    MeasurementReminderSent,
    EscalationRaised,
    EscalationLevelNotified,
    EscalationDecided,
    EscalationUnresolved,
    EscalationClosedBySystem,
    AgreementCompleted,
    AgreementCancelled,
    ConsentWithdrawn,
    PersonalDataErased,
    WorkflowFailed,
    EscalationFailed,
    WellBeingCheckInSent,
    WellBeingCheckInAnswered,

    /// <summary>An email was sent (or kept in the outbox) and archived; the detail is its notification id.</summary>
    EmailSent,

    /// <summary>The email service refused an email for good (a failed notification); the detail is its notification id.</summary>
    EmailFailed,

    /// <summary>Workflow 1.4: a follow-up task for the caseworker, its done and its deadline passing; the detail is the escalation's subject and level.</summary>
    FollowUpOpened,
    FollowUpDone,
    FollowUpOverdue,
    /// <summary>Workflow 1.4: an extra measurement was scheduled (detail "M3+6"), taken, or found without data (detail "M3+6:OnTrack").</summary>
    MonitoringExtended,
    ExtensionMeasured,
    ExtensionDataMissing,

    /// <summary>Workflow 1.5: the financing was settled against the gains realised (<see cref="Financing.SettlementReport"/>); the detail is the months settled ("36").</summary>
    FinancingSettled,

    /// <summary>An operator's repair (docs/operations.md); actor "operator", detail the reason code (and the phase of a restart).</summary>
    OperatorRetried,
    OperatorRestarted,
    OperatorTerminated,
}
