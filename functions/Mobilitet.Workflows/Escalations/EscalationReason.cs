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
}
