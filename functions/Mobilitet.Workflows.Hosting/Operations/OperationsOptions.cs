namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>Settings of the operator tools ("Operations" in configuration).</summary>
public sealed class OperationsOptions
{
    /// <summary>
    /// How long past an agreement's due time (and its policy's grace) the list waits before it calls the agreement stalled:
    /// room for a late timer and a busy engine.
    /// </summary>
    public TimeSpan StallMargin { get; set; } = TimeSpan.FromMinutes(10);
}
