using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// What the layout shows around every page, made per request by <see cref="PageFrames"/>: who is signed
/// in (null: nobody, e.g. a supervisor from an email link), which main-menu sections they may open, the
/// message to show after a redirect, and the antiforgery token forms must carry.
/// </summary>
public sealed record PageFrame
{
    /// <summary>No user, no menu, no message, no form token (pages without forms, tests).</summary>
    public static PageFrame Anonymous { get; } = new();

    public CurrentUser? User { get; init; }

    /// <summary>The main-menu links the user may see; none without a user.</summary>
    public NavigationSections Navigation { get; init; }

    /// <summary>A message from the previous request (Post/Redirect/Get), shown once.</summary>
    public Notice? Notice { get; init; }

    /// <summary>The hidden form field a POST must send back (<see cref="Shared.AntiforgeryField"/>).</summary>
    public AntiforgeryToken? Antiforgery { get; init; }
}

/// <summary>The antiforgery form field: its name and this request's token.</summary>
public sealed record AntiforgeryToken(string FieldName, string Value);
