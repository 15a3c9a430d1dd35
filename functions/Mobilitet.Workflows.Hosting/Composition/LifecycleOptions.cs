namespace Mobilitet.Workflows.Hosting.Composition;

/// <summary>Configuration section "Lifecycle".</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>
    /// How long one policy day lasts (env Lifecycle__DayLength, a TimeSpan). One day in production;
    /// e.g. 00:00:00.05 plays a 36-month lifecycle in about a minute. Pinned on each agreement at creation.
    /// </summary>
    public TimeSpan DayLength { get; set; } = TimeSpan.FromDays(1);
}
