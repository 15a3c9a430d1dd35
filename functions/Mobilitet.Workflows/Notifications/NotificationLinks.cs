using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Notifications;

/// <summary>The links emails carry: to an agreement, and a supervisor's signed decision link.</summary>
public sealed class NotificationLinks(EmailLinkOptions options)
{
    private readonly DecisionTokens tokens = new(options.SigningKey);

    public Uri Agreement(string agreementId) => new(options.PublicBaseUrl, ApiRoutes.AgreementPath(agreementId));

    public Uri Decision(string escalationId, int level) =>
        new(options.PublicBaseUrl, $"{ApiRoutes.DecisionPagePath(escalationId)}?token={Uri.EscapeDataString(tokens.Create(escalationId, level))}");
}
