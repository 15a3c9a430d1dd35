using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="EndsAs">The status the agreement is about to end with (the report says how it ended).</param>
public sealed record SettlementInput(string AgreementId, DateTime At, AgreementStatus EndsAs);

/// <summary>
/// Settles an agreement's financing as its workflow ends it after the move (workflow 1.5 on); see <see cref="FinancingSettler"/>.
/// </summary>
public sealed class SettleFinancing(FinancingSettler settler) : TaskActivity<SettlementInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, SettlementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return settler.SettleAsync(input.AgreementId, new DateTimeOffset(input.At, TimeSpan.Zero), input.EndsAs, CancellationToken.None);
    }
}
