using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Notifications;

/// <summary>The links emails carry: to an agreement, and a supervisor's signed decision link.</summary>
public sealed class NotificationLinks(IPublicBaseAddress publicBase, EmailLinkOptions options)
{
    private readonly DecisionTokens tokens = new(options.SigningKey);

    public async ValueTask<Uri> AgreementAsync(string agreementId, CancellationToken cancellationToken) =>
        new(await publicBase.GetAsync(cancellationToken), ApiRoutes.AgreementPath(agreementId));

    public async ValueTask<Uri> DecisionAsync(string escalationId, int level, CancellationToken cancellationToken) =>
        new(await publicBase.GetAsync(cancellationToken), $"{ApiRoutes.DecisionPagePath(escalationId)}?token={Uri.EscapeDataString(tokens.Create(escalationId, level))}");
}
