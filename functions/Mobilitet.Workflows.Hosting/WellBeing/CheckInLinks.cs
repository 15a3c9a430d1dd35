using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Hosting.WellBeing;

/// <summary>
/// Check-in links protected by ASP.NET Core Data Protection's time-limited protector (the key ring both hosts share,
/// in Blob storage): the token names one agreement's milestone, cannot be forged or altered, and cannot be read after it
/// expires. Its own purpose string keeps it from being accepted where another protected value is expected, and back.
/// </summary>
public sealed class CheckInLinks(IDataProtectionProvider protection, IPublicBaseAddress publicBase) : ICheckInLinks
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Mobilitet.WellBeing.CheckIn.v1").ToTimeLimitedDataProtector();

    public async ValueTask<Uri> CreateAsync(string agreementId, Milestone milestone, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(agreementId);
        var token = protector.Protect($"{agreementId}|{milestone}", expiresAt);
        return new Uri(await publicBase.GetAsync(cancellationToken), $"{UiRoutes.PathOf(UiRoutes.CheckIn)}?token={Uri.EscapeDataString(token)}");
    }

    /// <summary>The agreement and milestone a token was made for; false when it is forged, damaged or expired.</summary>
    public bool TryRead(string? token, out string agreementId, out Milestone milestone)
    {
        (agreementId, milestone) = (string.Empty, default);
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return false;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !RequestValidation.MilestoneNames.TryGetValue(parts[1], out milestone))
        {
            return false;
        }

        agreementId = parts[0];
        return true;
    }
}
