namespace Mobilitet.Workflows.Web.Shared;

/// <summary>How a <see cref="StatusTag"/> looks (dkfds badge variants).</summary>
public enum StatusTone
{
    Neutral,
    Info,
    Success,
    Warning,
    Error,
}
