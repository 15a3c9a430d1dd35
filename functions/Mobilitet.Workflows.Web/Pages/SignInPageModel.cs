using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>The local host's development sign-in: choose a name, roles and a municipality.</summary>
/// <param name="ReturnPath">Where to go after signing in (a path on this site).</param>
public sealed record SignInPageModel(
    IReadOnlyList<SelectOption> Municipalities,
    string? Name,
    IReadOnlyCollection<string> ChosenRoles,
    string? Municipality,
    string ReturnPath,
    FieldErrors Errors);
