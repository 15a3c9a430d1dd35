using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// The register rows imported for each agreement: amount rows and weekly rows, as parsed, under the agreement (never
/// the CPR; not the person key either — every row of an agreement is its resident's). Every upload's rows are kept,
/// keyed by upload and line, so storing an upload's rows again replaces them instead of adding copies; which rows
/// count is decided when they are read (<see cref="RegisterRows"/>: the newer upload wins).
/// </summary>
public interface IRegisterRowStore
{
    /// <summary>Stores rows of one agreement (the rows' person keys are not kept). Storing the same rows again changes nothing.</summary>
    Task SaveAsync(string agreementId, IReadOnlyCollection<AmountRow> amounts, IReadOnlyCollection<WeeklyRow> weekly, CancellationToken cancellationToken);

    /// <summary>The agreement's rows with the newer-upload rule applied; empty when none were imported.</summary>
    Task<RegisterRows> ReadAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Erases every row of the agreement (its resident's register data); running it again is harmless.</summary>
    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}
