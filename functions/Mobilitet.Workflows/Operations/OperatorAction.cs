using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Operations;

/// <summary>What an operator can do to an agreement that needs one (docs/operations.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperatorAction>))]
public enum OperatorAction
{
    /// <summary>Run the failed generation again from its own input (the engine's restart; rewind is not on every backend).</summary>
    Retry,

    /// <summary>Start the workflow again from the last good step the read model and timeline show.</summary>
    Restart,

    /// <summary>End the agreement (Cancelled) and its workflow and escalations.</summary>
    Terminate,
}
