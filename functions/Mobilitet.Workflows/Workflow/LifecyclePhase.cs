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

    /// <summary>One milestone (<see cref="LifecycleCheckpoint.Milestone"/>) and, after M36, completion.</summary>
    Monitoring,
}
