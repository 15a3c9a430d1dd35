namespace Mobilitet.Workflows.Identity;

/// <summary>
/// The signed-in person, as the identity provider (App Service Authentication, or the local host's
/// development sign-in) describes them. <see cref="Id"/> is a stable, opaque id (Entra object id); the
/// name is for display only. Neither ever enters an orchestration: the workflow records roles.
/// </summary>
/// <param name="Municipalities">The 4-digit codes of the municipalities the person works for.</param>
/// <param name="IsDevelopment">Signed in through the local host's development sign-in (shown on every page).</param>
/// <param name="Email">The person's email address, when the identity provider gives one: a decision link emailed to
/// someone else is refused to them. Never stored or logged.</param>
public sealed record CurrentUser(
    string Id,
    string Name,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Municipalities,
    bool IsDevelopment = false,
    string? Email = null)
{
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Whether the person works for the municipality (the monitoring unit reads all, but serves none).</summary>
    public bool Serves(string municipalityCode) => Municipalities.Contains(municipalityCode);
}
