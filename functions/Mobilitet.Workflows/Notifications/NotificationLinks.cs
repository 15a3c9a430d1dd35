using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Notifications;

/// <summary>The links emails carry: to an agreement, and a supervisor's protected, single-use decision link.</summary>
public sealed class NotificationLinks(IPublicBaseAddress publicBase, IDecisionLinks decisionLinks)
{
    public async ValueTask<Uri> AgreementAsync(string agreementId, CancellationToken cancellationToken) =>
        new(await publicBase.GetAsync(cancellationToken), ApiRoutes.AgreementPath(agreementId));

    /// <summary>
    /// The decision link of an escalation email, bound to its recipient (<see cref="EscalationRecipient"/>). It expires
    /// at the end of the level's deadline date (<see cref="NotificationRequest.RespondBy"/>, policy time) plus the
    /// pinned policy's <see cref="EscalationRules.LinkGraceDays"/>.
    /// </summary>
    public ValueTask<Uri> DecisionAsync(NotificationFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var request = facts.Request;
        if (request.EscalationId is not { } escalationId || request.RespondBy is not { } respondBy || facts.Agreement.Clock is not { } clock)
        {
            throw new InvalidOperationException("A decision link needs the escalation id, the level's deadline and the agreement's policy clock.");
        }

        var grace = PolicyCatalog.Get(facts.Agreement.PolicyName).Escalation.LinkGraceDays;
        var expiresAt = new DateTimeOffset(clock.StartOf(respondBy.AddDays(1 + grace)), TimeSpan.Zero);
        return decisionLinks.CreateAsync(escalationId, LevelOf(request), EscalationRecipient(facts), expiresAt, cancellationToken);
    }

    /// <summary>Who an escalation email goes to: the supervisor at its level (the last one listed for a level beyond the list).</summary>
    public static string EscalationRecipient(NotificationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return SupervisorAt(facts.Parties.SupervisorEmails, LevelOf(facts.Request));
    }

    /// <summary>The supervisor who decides at <paramref name="level"/> (1 = the first listed; the last one for any level beyond the list).</summary>
    public static string SupervisorAt(IReadOnlyList<string> supervisors, int level)
    {
        ArgumentNullException.ThrowIfNull(supervisors);
        return supervisors[Math.Clamp(level, 1, supervisors.Count) - 1];
    }

    private static int LevelOf(NotificationRequest request) => request.Level ?? EscalationLadder.FirstLevel;
}
