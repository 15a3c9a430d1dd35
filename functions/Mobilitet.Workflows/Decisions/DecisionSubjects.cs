namespace Mobilitet.Workflows.Decisions;

/// <summary>
/// The subjects an agreement has one decision each on; an escalation decision's subject is the escalation id, the
/// caseworker's "done" on its follow-up task <see cref="FollowUp"/>.
/// </summary>
public static class DecisionSubjects
{
    public const string Consent = "consent";
    public const string Financing = "financing";
    public const string Move = "move";

    /// <summary>What makes a follow-up's "done" a subject of its own: "follow-up:" and the escalation id.</summary>
    public const string FollowUpPrefix = "follow-up:";

    /// <summary>The subject of the follow-up a supervisor decided on escalation <paramref name="escalationId"/>.</summary>
    public static string FollowUp(string escalationId) => FollowUpPrefix + escalationId;
}
