namespace Mobilitet.Workflows.Decisions;

/// <summary>
/// Where decisions are recorded, one per agreement and subject, by a conditional write: of two
/// concurrent decisions exactly one is recorded, whichever storage takes first.
/// </summary>
public interface IDecisionLog
{
    /// <summary>Records <paramref name="decision"/> unless a decision on its subject exists.</summary>
    /// <returns>The decision that stands, and whether it is the one given (true) or an earlier one (false).</returns>
    Task<(Decision Standing, bool Recorded)> ClaimAsync(Decision decision, CancellationToken cancellationToken);

    Task<Decision?> FindAsync(string agreementId, string subject, CancellationToken cancellationToken);

    /// <summary>Notes that the decision has been handed to the workflow.</summary>
    Task MarkDeliveredAsync(Decision decision, CancellationToken cancellationToken);

    /// <summary>Decisions recorded before <paramref name="before"/> that were never handed to the workflow (a crash in between).</summary>
    Task<IReadOnlyList<Decision>> ListUndeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
