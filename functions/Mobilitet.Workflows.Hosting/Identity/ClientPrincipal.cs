using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;

namespace Mobilitet.Workflows.Hosting.Identity;

/// <summary>
/// The X-MS-CLIENT-PRINCIPAL header as App Service Authentication writes it: base64 of
/// <c>{"auth_typ", "claims": [{"typ", "val"}], "name_typ", "role_typ"}</c>, with Entra app roles as
/// claims of the role type. The local host's development sign-in writes the same shape, so both hosts
/// read people the same way.
/// </summary>
public static class ClientPrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private static readonly string[] IdClaimTypes =
    [
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        "oid",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
        "sub",
    ];

    /// <summary>Where an email address may be (Entra: email, preferred_username or upn; the WS-Federation names too).</summary>
    private static readonly string[] EmailClaimTypes =
    [
        "email",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "preferred_username",
        "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    /// <summary>The person the header describes, or null if it is missing, malformed or names no one.</summary>
    public static CurrentUser? Read(string? header, string municipalityClaimType, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 16 * 1024)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Convert.FromBase64String(header));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }

        if (payload?.Claims is not { } claims)
        {
            return null;
        }

        string? First(string type) => claims.FirstOrDefault(claim => claim.Type == type && !string.IsNullOrWhiteSpace(claim.Value))?.Value;
        var nameType = payload.NameType ?? "name";
        var roleType = payload.RoleType ?? "roles";
        var id = IdClaimTypes.Select(First).FirstOrDefault(value => value is not null) ?? First(nameType);
        if (id is null)
        {
            return null;
        }

        var roles = claims.Where(claim => claim.Type == roleType).Select(claim => claim.Value)
            .Where(role => Roles.All.Contains(role, StringComparer.Ordinal)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var municipalities = claims.Where(claim => claim.Type == municipalityClaimType).Select(claim => claim.Value?.Trim())
            .Where(code => MunicipalityRegistry.TryGet(code, out _)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var email = EmailClaimTypes.Select(First).FirstOrDefault(value => value is not null && value.Contains('@', StringComparison.Ordinal));
        return new CurrentUser(id, First(nameType) ?? id, roles, municipalities, isDevelopment, email);
    }

    /// <summary>The header for a person, as App Service Authentication would write it (development sign-in, tests, scripts).</summary>
    public static string Write(string id, string name, IEnumerable<string> roles, IEnumerable<string> municipalities, string municipalityClaimType = "municipality", string? email = null)
    {
        var claims = new List<Claim>
        {
            new(IdClaimTypes[0], id),
            new("name", name),
        };
        if (email is not null)
        {
            claims.Add(new Claim(EmailClaimTypes[0], email));
        }

        claims.AddRange(roles.Select(role => new Claim("roles", role)));
        claims.AddRange(municipalities.Select(code => new Claim(municipalityClaimType, code)));
        var payload = new Payload("aad", claims, "name", "roles");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
    }

    private sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record Claim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
