namespace Mobilitet.Workflows.Decisions;

/// <summary>The subjects an agreement has one decision each on; an escalation decision's subject is the escalation id.</summary>
public static class DecisionSubjects
{
    public const string Consent = "consent";
    public const string Financing = "financing";
    public const string Move = "move";
}
