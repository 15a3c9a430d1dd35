namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>How often the maintenance jobs run: every five minutes is plenty for either.</summary>
public static class MaintenanceSchedule
{
    public const string Cron = "0 */5 * * * *";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
}
