namespace Mobilitet.Workflows.Web.Shared;

/// <summary>The dkfds alert variants.</summary>
public enum AlertVariant
{
    Info,
    Success,
    Warning,
    Error,
}
