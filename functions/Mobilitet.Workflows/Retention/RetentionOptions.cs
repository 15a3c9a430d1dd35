namespace Mobilitet.Workflows.Retention;

/// <summary>
/// How long the personal data of an ended agreement is kept, and how much the retention job does per run
/// (configuration section "Retention"; docs/personal-data.md explains the default).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>What the retention job is called on the timeline (the detail of its PersonalDataErased step) and in the audit log ("system:retention").</summary>
    public const string JobName = "retention";

    /// <summary>
    /// Five years after the agreement ended: the period Danish municipalities commonly keep closed social cases before
    /// they are discarded, and the bookkeeping period for the financing's settlement.
    /// </summary>
    public static readonly TimeSpan DefaultPersonalData = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>How long after an agreement ended (completed, declined, rejected, expired, cancelled) its personal data is erased.</summary>
    public TimeSpan PersonalData { get; set; } = DefaultPersonalData;

    /// <summary>At most this many agreements per run; the next run goes on where this one stopped.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Agreements of one batch erased side by side.</summary>
    public int Parallelism { get; set; } = 4;
}
