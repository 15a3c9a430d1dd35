using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Escalations;

/// <summary>What a supervisor decides from the escalation email. The API spells these kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationDecision>))]
public enum EscalationDecision
{
    Acknowledged,
    FollowUp,
    ExtendMonitoring,
    Close,
}
