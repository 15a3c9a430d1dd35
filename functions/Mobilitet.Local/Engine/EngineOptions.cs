using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Local.Engine;

/// <summary>Configuration section "Engine": which orchestration service the local sidecar runs on.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>AzureStorage (persistent; Azurite or a real account) or InMemory (tests).</summary>
    public EngineProvider Provider { get; set; } = EngineProvider.AzureStorage;

    /// <summary>The task hub name; the Functions app uses the same one (host.json).</summary>
    public string TaskHub { get; set; } = "MobilitetWorkflows";

    /// <summary>Work items the engine runs at once. The sidecar's own default is the core count, far too few for I/O-bound work.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 200;

    public int MaxConcurrentActivities { get; set; } = 200;

    /// <summary>The longest pause between queue polls; the provider's default (30 s) makes timers late.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a fetched queue message stays invisible. A message fetched just before a crash or a
    /// stop comes back after this long; the provider's default (5 min) would stall a restarted host.
    /// Our orchestration episodes and activities take milliseconds.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The orchestration version this host runs and gives new instances. Default: the newest
    /// (unset: <see cref="WorkflowVersions.Current"/> for new instances, up to <see cref="WorkflowVersions.Latest"/> run).
    /// An older one runs the host as a deploy of that version would: it starts new agreements under it and leaves
    /// instances of a newer one alone. Tests use it to start agreements under an old version and restart on the current
    /// code (docs/reliability.md).
    /// </summary>
    public string? WorkflowVersion { get; set; }

    /// <summary>The version the worker runs and new instances get, checked: one this code knows.</summary>
    public (string Runs, string NewInstances) Versions()
    {
        if (string.IsNullOrEmpty(WorkflowVersion))
        {
            return (WorkflowVersions.Latest, WorkflowVersions.Current);
        }

        if (!Version.TryParse(WorkflowVersion, out var configured) || configured < Version.Parse(WorkflowVersions.V1) || configured > Version.Parse(WorkflowVersions.Latest))
        {
            throw new InvalidOperationException($"Engine:WorkflowVersion must be a workflow version from {WorkflowVersions.V1} to {WorkflowVersions.Latest}, not '{WorkflowVersion}'.");
        }

        return (WorkflowVersion, WorkflowVersion);
    }
}

public enum EngineProvider
{
    AzureStorage,
    InMemory,
}
