namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// Everything about an agreement that identifies a person. It is written once by the HTTP API,
/// read by activities that need it (emails), and erased when consent is withdrawn. It never enters
/// an orchestration's inputs, outputs, events, custom status or logs.
/// </summary>
/// <param name="StopReason">Why the agreement was cancelled or consent withdrawn, as the caseworker wrote it.</param>
/// <param name="FinancingDecisionReason">Why the finance approver approved or rejected the financing, as they wrote it (none for an automatic approval).</param>
public sealed record AgreementPersonalData(
    Resident Resident,
    Caseworker Caseworker,
    IReadOnlyList<string> SupervisorEmails,
    string FinancingPurpose,
    string? StopReason = null,
    string? FinancingDecisionReason = null);

public sealed record Resident(string Cpr, string Name, string? Email, string? Phone);

public sealed record Caseworker(string Name, string Email);

/// <summary>The protected store of personal data (its own table, its own access rules).</summary>
public interface IPersonalDataVault
{
    Task SaveAsync(string agreementId, AgreementPersonalData data, CancellationToken cancellationToken);

    Task<AgreementPersonalData?> FindAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Stores the caseworker's free-text reason for a cancellation or withdrawal (it may name people).</summary>
    Task SaveStopReasonAsync(string agreementId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a finance approver's free-text reason for approving or rejecting the financing (it may name people). Like the
    /// stop reason, nothing is stored once the agreement's personal data has been erased.
    /// </summary>
    Task SaveFinancingDecisionReasonAsync(string agreementId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a supervisor's free-text note on an escalation decision (it may name people). Like the stop
    /// reason, nothing is stored once the agreement's personal data has been erased.
    /// </summary>
    Task SaveEscalationNoteAsync(string agreementId, string escalationId, string note, CancellationToken cancellationToken);

    Task<string?> FindEscalationNoteAsync(string agreementId, string escalationId, CancellationToken cancellationToken);

    /// <summary>Stores the resident's comment from a milestone's well-being check-in; nothing once the personal data is erased.</summary>
    Task SaveCheckInCommentAsync(string agreementId, Indicators.Milestone milestone, string comment, CancellationToken cancellationToken);

    Task<string?> FindCheckInCommentAsync(string agreementId, Indicators.Milestone milestone, CancellationToken cancellationToken);

    /// <summary>Erases everything the vault holds about the agreement: the parties, the reasons and the notes.</summary>
    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}
