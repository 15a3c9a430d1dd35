using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <summary>
/// Builds the business case from the resident's baseline, stores it as a document, and says whether
/// the pinned instrument allows automatic approval. Amounts stay in storage; the workflow sees a code.
/// </summary>
public sealed class AssessFinancing(IAgreementRepository agreements, IDocumentStore documents) : TaskActivity<string, FinancingAssessment>
{
    public override async Task<FinancingAssessment> RunAsync(TaskActivityContext context, string agreementId)
    {
        var agreement = await agreements.FindAsync(agreementId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Agreement {agreementId} is not in the read model.");
        var businessCase = agreement.ProjectBusinessCase();
        await documents.SaveJsonAsync(agreementId, DocumentNames.BusinessCase, businessCase, CancellationToken.None);
        return FinancingAssessor.Assess(agreement.Instrument(), businessCase);
    }
}
