namespace Mobilitet.Workflows.Escalations;

/// <summary>An escalation as the read model shows it.</summary>
public sealed record EscalationRecord
{
    public required string EscalationId { get; init; }
    public required string AgreementId { get; init; }
    public required EscalationReason Reason { get; init; }
    /// <summary>What it is about: "financing", "move", a milestone ("m12").</summary>
    public required string Subject { get; init; }
    public required int Level { get; init; }
    public required EscalationStatus Status { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? LevelDeadline { get; init; }
    public EscalationDecision? Decision { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>The supervisor's free-text note. Kept out of the workflow (it may name people).</summary>
    public string? Note { get; init; }
}

public interface IEscalationRepository
{
    /// <summary>Inserts or replaces the workflow's fields of the escalation; the note is left as it is.</summary>
    Task SaveAsync(EscalationRecord escalation, CancellationToken cancellationToken);

    Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationRecord>> ListAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Stores a decision's note before the decision is handed to the workflow.</summary>
    Task SaveNoteAsync(string escalationId, string? note, CancellationToken cancellationToken);

    Task EraseNotesAsync(string agreementId, CancellationToken cancellationToken);
}
