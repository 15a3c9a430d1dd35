namespace Mobilitet.Workflows.Timeline;

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
}
