using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Operations;

/// <summary>One agreement that needs an operator, as the Drift page and GET /api/operations/agreements show it. No personal data.</summary>
/// <param name="Since">When the trouble began, as far as it is known: the failure, the due time passed, the last change.</param>
/// <param name="Detail">The failure's reason as it is recorded (error type and message; ids and codes), or null.</param>
/// <param name="EngineStatus">The engine's runtime status of the agreement's instance; null when it has none.</param>
/// <param name="Actions">What an operator may do now.</param>
public sealed record OperatorAttention(
    string AgreementId,
    string MunicipalityCode,
    AgreementStatus Status,
    DateTimeOffset Since,
    AttentionReason Reason,
    string ReasonText,
    string? Detail,
    string? EngineStatus,
    IReadOnlyList<OperatorAction> Actions);
