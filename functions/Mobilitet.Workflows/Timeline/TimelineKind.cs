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
}
