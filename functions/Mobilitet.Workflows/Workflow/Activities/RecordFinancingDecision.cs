using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="ApprovedDkk">The approved amount; null means the requested amount (auto-approval, or an approval without an amount).</param>
public sealed record FinancingDecisionInput(string AgreementId, DateTime At, FinancingRoute Route, decimal? ApprovedDkk);

/// <summary>
/// Stores how the financing was decided and the approved amount in the read model: a fact, decided once, so it is applied
/// however late the activity comes (as the move date is: <see cref="RecordMove"/>); the settlement reads the amount.
/// </summary>
public sealed class RecordFinancingDecision(IAgreementRepository agreements) : TaskActivity<FinancingDecisionInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, FinancingDecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await agreements.RecordFactAsync(
            input.AgreementId,
            new DateTimeOffset(input.At, TimeSpan.Zero),
            agreement => agreement with
            {
                FinancingRoute = input.Route,
                ApprovedDkk = input.Route == FinancingRoute.RejectedByApprover ? null : input.ApprovedDkk ?? agreement.RequestedDkk,
            },
            CancellationToken.None);
        return true;
    }
}
