using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Escalations;

/// <summary>Why an agreement was handed to humans.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationReason>))]
public enum EscalationReason
{
    FinancingDecisionOverdue,
    MoveOverdue,
    IndicatorBelowThreshold,
    MeasurementDataMissing,

    /// <summary>A follow-up task a supervisor decided on was not done by its deadline (workflow 1.4 on).</summary>
    FollowUpOverdue,
}
