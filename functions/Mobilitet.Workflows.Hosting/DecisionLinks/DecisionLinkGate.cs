using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Hosting.DecisionLinks;

/// <summary>
/// What a decision link lets its holder do now, for the page (GET) and the decision (POST) alike: nothing if it is
/// forged or for another escalation, expired, opened by someone signed in as another person than the recipient, or
/// used; otherwise decide once. Only <see cref="ClaimAsync"/> writes (the ledger's conditional insert).
/// </summary>
public sealed class DecisionLinkGate(ProtectedDecisionLinks links, IDecisionLinkLedger ledger, RecipientKeys recipients)
{
    public async Task<DecisionLinkReading> CheckAsync(string escalationId, string? token, CurrentUser? user, CancellationToken cancellationToken)
    {
        var reading = links.Read(escalationId, token);
        if (reading.Link is not { } link)
        {
            return reading;
        }

        // Signed in as someone the email did not go to: the link is not theirs, even if it was forwarded in good faith.
        if (user?.Email is { } email && recipients.KeyOf(email) != link.RecipientKey)
        {
            return DecisionLinkReading.Refused(DecisionLinkProblem.OtherRecipient);
        }

        return await ledger.IsUsedAsync(link, cancellationToken) ? DecisionLinkReading.Refused(DecisionLinkProblem.Used) : reading;
    }

    /// <summary>Claims the link for the decision about to be made; false if another request claimed it first.</summary>
    public Task<bool> ClaimAsync(DecisionLink link, DateTimeOffset at, CancellationToken cancellationToken) =>
        ledger.TryClaimAsync(link, at, cancellationToken);

    /// <summary>Gives the claim back: the decision was not recorded, so the link may be used again.</summary>
    public Task ReleaseAsync(DecisionLink link, CancellationToken cancellationToken) =>
        ledger.ReleaseAsync(link, cancellationToken);
}
