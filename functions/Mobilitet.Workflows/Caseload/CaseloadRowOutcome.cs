using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Caseload;

public enum CaseloadRowResult
{
    /// <summary>This import created the agreement.</summary>
    Created,

    /// <summary>An earlier import created the agreement of the row's reference; nothing new was created.</summary>
    AlreadyCreated,

    /// <summary>The row was not imported; <see cref="CaseloadRowOutcome.Errors"/> says why, by field.</summary>
    Rejected,
}

/// <summary>What became of one line of a caseload file. Errors never quote a value from the file.</summary>
public sealed record CaseloadRowOutcome(int Line, CaseloadRowResult Result, string? AgreementId, IReadOnlyList<ExtractError> Errors)
{
    public static CaseloadRowOutcome Rejected(int line, IReadOnlyList<ExtractError> errors) => new(line, CaseloadRowResult.Rejected, null, errors);
}
