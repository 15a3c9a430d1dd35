using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Escalations;

[JsonConverter(typeof(JsonStringEnumConverter<EscalationStatus>))]
public enum EscalationStatus
{
    /// <summary>A level has been notified and its deadline has not passed.</summary>
    Open,
    /// <summary>Every level's deadline has passed without a decision; it stays listed until someone decides.</summary>
    Unresolved,
    /// <summary>A supervisor decided.</summary>
    Decided,
    /// <summary>What it was about happened (the move was recorded, the data arrived, financing was decided).</summary>
    ClosedBySystem,
    /// <summary>The agreement was cancelled or consent withdrawn.</summary>
    Cancelled,
}
