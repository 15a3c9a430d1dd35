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
}
