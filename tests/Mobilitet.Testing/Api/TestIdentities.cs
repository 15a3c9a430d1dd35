using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;

namespace Mobilitet.Testing.Api;

/// <summary>
/// People for tests, as X-MS-CLIENT-PRINCIPAL headers (what App Service Authentication sends, and what
/// the local host's development identity accepts from any client).
/// </summary>
public static class TestIdentities
{
    /// <summary>Every role in every municipality: for tests about the lifecycle, not about who may do what.</summary>
    public static string Everything { get; } = ClientPrincipal.Write(
        "test-everything", "Test Alle Roller", Roles.All, MunicipalityRegistry.All.Select(municipality => municipality.Code));

    /// <summary>A person with <paramref name="roles"/> in <paramref name="municipalities"/>.</summary>
    public static string Person(string id, IEnumerable<string> roles, params string[] municipalities) =>
        ClientPrincipal.Write(id, id, roles, municipalities);

    /// <summary>Sends <paramref name="principal"/> with every request of this client.</summary>
    public static HttpClient SignedInAs(this HttpClient client, string principal)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(ClientPrincipal.HeaderName);
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, principal);
        return client;
    }
}
