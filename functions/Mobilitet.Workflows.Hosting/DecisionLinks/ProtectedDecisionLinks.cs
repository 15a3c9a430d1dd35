using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.DecisionLinks;

/// <summary>
/// Decision links protected by ASP.NET Core Data Protection's time-limited protector (the key ring both hosts share, in
/// Blob storage; wrapped with a Key Vault certificate in Azure): the token carries the link id, the escalation, the
/// level and the recipient's keyed hash, cannot be forged or altered, and cannot be read after it expires. Its own
/// purpose string keeps it from being accepted where another protected value is expected, and back. Keys are rotated
/// by Data Protection; a retired key still unprotects, so a rotation never breaks a link within its lifetime.
/// </summary>
public sealed class ProtectedDecisionLinks(IDataProtectionProvider protection, IPublicBaseAddress publicBase, RecipientKeys recipients) : IDecisionLinks
{
    public const string Purpose = "Mobilitet.Escalations.Decision.v1";

    /// <summary>
    /// The purpose the time-limited protector adds below ours (its documented wire format since ASP.NET Core 1.0): with
    /// it, a genuine but expired token can be told from a forged one, so the supervisor is told which it is.
    /// </summary>
    private const string TimeLimitedPurpose = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";

    private const int MaxTokenLength = 1024;

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
    private readonly IDataProtector withoutExpiry = protection.CreateProtector(Purpose).CreateProtector(TimeLimitedPurpose);

    public async ValueTask<Uri> CreateAsync(string escalationId, int level, string recipientEmail, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(escalationId);
        var linkId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = protector.Protect(string.Join('|', linkId, escalationId, level.ToString(CultureInfo.InvariantCulture), recipients.KeyOf(recipientEmail)), expiresAt);
        return new Uri(await publicBase.GetAsync(cancellationToken), $"{ApiRoutes.DecisionPagePath(escalationId)}?token={Uri.EscapeDataString(token)}");
    }

    /// <summary>The link a token was made for, if it is genuine, unexpired and for <paramref name="escalationId"/>.</summary>
    public DecisionLinkReading Read(string escalationId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return DecisionLinkReading.Refused(DecisionLinkProblem.Invalid);
        }

        try
        {
            var link = Parse(protector.Unprotect(token, out _));
            return link is not null && link.EscalationId == escalationId
                ? DecisionLinkReading.Valid(link)
                : DecisionLinkReading.Refused(DecisionLinkProblem.Invalid);
        }
        catch (CryptographicException)
        {
            return DecisionLinkReading.Refused(IsExpired(token, escalationId) ? DecisionLinkProblem.Expired : DecisionLinkProblem.Invalid);
        }
    }

    /// <summary>Whether the token is genuine for this escalation and only its time ran out (the payload after its 8-byte expiry).</summary>
    private bool IsExpired(string token, string escalationId)
    {
        try
        {
            var bytes = withoutExpiry.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length > sizeof(ulong) && Parse(System.Text.Encoding.UTF8.GetString(bytes, sizeof(ulong), bytes.Length - sizeof(ulong)))?.EscalationId == escalationId;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static DecisionLink? Parse(string payload)
    {
        var parts = payload.Split('|');
        return parts.Length == 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1
            ? new DecisionLink(parts[0], parts[1], level, parts[3])
            : null;
    }
}

/// <summary>A decision link read from a token: the link, or why there is none.</summary>
public readonly record struct DecisionLinkReading(DecisionLink? Link, DecisionLinkProblem? Problem)
{
    public static DecisionLinkReading Valid(DecisionLink link) => new(link, null);

    public static DecisionLinkReading Refused(DecisionLinkProblem problem) => new(null, problem);
}
