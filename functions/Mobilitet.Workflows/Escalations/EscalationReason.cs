namespace Mobilitet.Workflows.Escalations;

/// <summary>Why an agreement was handed to humans.</summary>
public enum EscalationReason
{
    FinancingDecisionOverdue,
    MoveOverdue,
    IndicatorBelowThreshold,
    MeasurementDataMissing,
}
