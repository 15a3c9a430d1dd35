using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Notifications;

/// <summary>Every email the workflow sends. The recipients follow from the kind (see NotificationComposer); the wording is in the templates (Web/Emails).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>To the resident (the caseworker in copy): consent is still missing.</summary>
    ConsentReminder,
    /// <summary>To the caseworker: the consent period ran out.</summary>
    ConsentExpired,
    /// <summary>To the finance approvers' mailbox: a request needs a human decision.</summary>
    FinancingDecisionRequested,
    /// <summary>To the caseworker: the planned move date has passed without a recorded move.</summary>
    MoveReminder,
    /// <summary>To the caseworker: a milestone fell due without indicator data.</summary>
    MeasurementDataMissing,
    /// <summary>To the supervisor at the escalation's current level, with decision links.</summary>
    EscalationRaised,

    /// <summary>To the resident: how are you in your new home? With the link to the one-page check-in.</summary>
    WellBeingCheckIn,

    /// <summary>To the supervisor of the level below: the escalation they did not decide has moved up a level.</summary>
    EscalationMovedUp,

    /// <summary>To the caseworker: a follow-up task falls due.</summary>
    FollowUpTaskDue,

    /// <summary>To the caseworker: the agreement is completed, with its effect summary (the measured indicators against the baseline).</summary>
    AgreementCompleted,
}
