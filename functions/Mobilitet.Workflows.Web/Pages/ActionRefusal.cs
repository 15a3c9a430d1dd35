namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// Why a form's step was not done although the input was fine: the command's own Danish explanation and the
/// kind of refusal. Pages show it as an alert above the form; nothing was changed.
/// </summary>
public sealed record ActionRefusal(ActionRefusalKind Kind, string Detail);

public enum ActionRefusalKind
{
    /// <summary>The step does not fit the agreement's state now, or another decision stands.</summary>
    Conflict,

    /// <summary>The person's role or municipality does not allow the step.</summary>
    Forbidden,

    /// <summary>The workflow engine or storage cannot be reached now; trying again may work.</summary>
    Unavailable,
}
