namespace Mobilitet.Workflows.Workflow;

/// <summary>The roles recorded as actors on the timeline. Roles, not people: no names enter the workflow.</summary>
public static class Actors
{
    public const string System = "system";
    public const string Caseworker = "caseworker";
    public const string FinanceApprover = "finance-approver";
    public const string Resident = "resident";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";

    /// <summary>An administrator acting on the Drift page or the operations API (retry, restart, terminate).</summary>
    public const string Operator = "operator";
}
