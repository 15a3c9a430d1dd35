using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Workflow;

/// <summary>Where a generation of the lifecycle (version 1.2 on) starts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LifecyclePhase>))]
public enum LifecyclePhase
{
    /// <summary>Consent and financing (the first generation).</summary>
    Start,

    /// <summary>Waiting for the move.</summary>
    Move,

    /// <summary>One milestone (<see cref="LifecycleCheckpoint.Milestone"/>) and, after M36, completion (until 1.3).</summary>
    Monitoring,

    /// <summary>
    /// From 1.4, after M36: waits for late M36 data, the extra measurements still scheduled and the decisions on
    /// escalations that may schedule more, then completes. A generation of its own, so a long wait continues as new
    /// without measuring M36 again.
    /// </summary>
    Completion,
}
