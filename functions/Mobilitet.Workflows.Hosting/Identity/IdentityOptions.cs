namespace Mobilitet.Workflows.Hosting.Identity;

/// <summary>Configuration section "Identity": where the signed-in user comes from.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The claim type that carries the 4-digit code of a municipality the person works for.</summary>
    public string MunicipalityClaimType { get; set; } = "municipality";

    /// <summary>
    /// Development identity (the local host's default): the X-MS-CLIENT-PRINCIPAL header is accepted from
    /// any client, the development sign-in page sets the same identity in a cookie, and every page says
    /// so. Off: the header is trusted only from <see cref="TrustedProxies"/> (the identity proxy in front).
    /// The Functions app never has it: there App Service Authentication sets the header.
    /// </summary>
    public bool Development { get; set; }

    /// <summary>IP addresses whose X-MS-CLIENT-PRINCIPAL header is trusted when <see cref="Development"/> is off.</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Set by the Functions app: App Service Authentication sets (and strips client copies of) the header.</summary>
    public bool HeaderSetByPlatform { get; set; }
}
