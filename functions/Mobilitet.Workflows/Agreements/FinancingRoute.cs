namespace Mobilitet.Workflows.Agreements;

/// <summary>How the financing was decided.</summary>
public enum FinancingRoute
{
    AutoApproved,
    ApprovedByApprover,
    RejectedByApprover,
}
