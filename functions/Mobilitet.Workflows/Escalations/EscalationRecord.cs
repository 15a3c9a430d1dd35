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
}

public interface IEscalationRepository
{
    /// <summary>Inserts or replaces the escalation's fields (a decision's note lives in the personal-data vault).</summary>
    Task SaveAsync(EscalationRecord escalation, CancellationToken cancellationToken);

    Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EscalationRecord>> ListAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Every escalation of every agreement, in no particular order, read as one stream (one table query): for aggregates.</summary>
    IAsyncEnumerable<EscalationRecord> ReadAllAsync(CancellationToken cancellationToken);
}
