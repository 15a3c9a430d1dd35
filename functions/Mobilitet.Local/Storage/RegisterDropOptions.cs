namespace Mobilitet.Local.Storage;

/// <summary>Section "Registers" (local host): how often the drop folder is listed.</summary>
public sealed class RegisterDropOptions
{
    public const string Section = "Registers";

    /// <summary>Between two listings of the drop folder (default 30 seconds).</summary>
    public TimeSpan DropPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
