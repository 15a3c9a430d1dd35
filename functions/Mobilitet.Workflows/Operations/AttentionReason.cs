using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Operations;

/// <summary>Why an agreement needs an operator (<see cref="OperatorAttention"/>). The API spells these values as written here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttentionReason>))]
public enum AttentionReason
{
    /// <summary>The read model shows the workflow failed (the timeline says why).</summary>
    WorkflowFailed,

    /// <summary>The engine says the workflow failed, and the read model does not show it yet.</summary>
    EngineFailed,

    /// <summary>The engine's instance was terminated (outside the system's own steps) while the agreement had not ended.</summary>
    EngineTerminated,

    /// <summary>The engine's instance completed while the read model shows the agreement running.</summary>
    EngineCompleted,

    /// <summary>The engine's instance is suspended.</summary>
    EngineSuspended,

    /// <summary>The engine has no instance for an agreement that has not ended (purged, or never started).</summary>
    EngineInstanceMissing,

    /// <summary>The workflow runs, but nothing happened on the agreement since its next due time passed (by more than the margin).</summary>
    NoProgressPastDue,
}

/// <summary>The Danish wording of each <see cref="AttentionReason"/> (here only; the page and the API show it).</summary>
public static class AttentionReasonText
{
    public static string Danish(AttentionReason reason) => reason switch
    {
        AttentionReason.WorkflowFailed => "Arbejdsgangen er fejlet",
        AttentionReason.EngineFailed => "Arbejdsgangen er fejlet i motoren, men det er endnu ikke registreret på aftalen",
        AttentionReason.EngineTerminated => "Arbejdsgangen er stoppet udefra, men aftalen er ikke afsluttet",
        AttentionReason.EngineCompleted => "Arbejdsgangen er afsluttet, men aftalen er ikke",
        AttentionReason.EngineSuspended => "Arbejdsgangen er sat på pause",
        AttentionReason.EngineInstanceMissing => "Arbejdsgangen findes ikke i motoren (slettet eller aldrig startet)",
        AttentionReason.NoProgressPastDue => "Intet er sket på aftalen, siden dens næste frist passerede",
        _ => reason.ToString(),
    };
}
