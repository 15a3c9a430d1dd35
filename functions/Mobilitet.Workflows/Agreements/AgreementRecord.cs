using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// The read model of one agreement: what lists and searches show. It holds no personal data;
/// names, CPR and contact details live in the <see cref="PersonalData.IPersonalDataVault"/>.
/// </summary>
public sealed record AgreementRecord
{
    public required string AgreementId { get; init; }
    public required string MunicipalityCode { get; init; }
    public required string HousingAssociation { get; init; }
    public required MoveDirection Direction { get; init; }
    /// <summary>The area the household moves from: the vulnerable area when <see cref="Direction"/> is Out.</summary>
    public required string FromArea { get; init; }
    /// <summary>The area the household moves to: the vulnerable area when <see cref="Direction"/> is In (may be unknown until the move).</summary>
    public string? ToArea { get; init; }
    public required DateOnly PlannedMoveDate { get; init; }
    public DateOnly? MovedOn { get; init; }
    public required string PolicyName { get; init; }
    public required AgreementStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The orchestration time of the last workflow change; older changes never overwrite newer ones.</summary>
    public required DateTimeOffset LastChangedAt { get; init; }
    /// <summary>How long one policy day lasts for this agreement (pinned at creation).</summary>
    public required TimeSpan DayLength { get; init; }
    /// <summary>The resident's baseline indicators (12 months before creation); null once erased after a withdrawal.</summary>
    public required IndicatorValues? Baseline { get; init; }
    public required decimal RequestedDkk { get; init; }
    public decimal? ApprovedDkk { get; init; }
    public FinancingRoute? FinancingRoute { get; init; }

    /// <summary>The financing instrument the agreement is pinned to (<see cref="Financing.InstrumentCatalog"/>); null: created before instruments, the legacy one.</summary>
    public string? InstrumentName { get; init; }

    /// <summary>What the financing settled to when the agreement ended after its move (workflow 1.5 on); null until then.</summary>
    public Financing.SettlementSummary? Settlement { get; init; }

    public required int SupervisorLevels { get; init; }

    /// <summary>The responsible caseworker's opaque id (<see cref="Identity.CurrentUser.Id"/>, an Entra object id; never a name).</summary>
    public string? CaseworkerId { get; init; }

    /// <summary>While monitoring: the real instant the next milestone falls due (kept by the move and measurement activities).</summary>
    public DateTimeOffset? NextMilestoneAt { get; init; }

    /// <summary>How many tasks of this agreement are open on the task board (kept by the task activities).</summary>
    public int OpenTaskCount { get; init; }

    /// <summary>The earliest due instant of the open tasks; null without open tasks.</summary>
    public DateTimeOffset? EarliestTaskDueAt { get; init; }

    /// <summary>
    /// The orchestration time the agreement reached its final status (set by the repository on that change); null while
    /// it runs, and on rows that ended before this was kept (<see cref="EndedOrLastChangedAt"/> then stands in).
    /// </summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// When the retention job finished with the agreement: its personal data erased (at the end of the retention period,
    /// or already at a withdrawal) and its orchestration histories purged. Set last, so it is never processed again.
    /// </summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    /// <summary>The anonymous outcome the statistics read once the baseline and measurement values are erased (<see cref="Retention.RetainedOutcome"/>).</summary>
    public Retention.RetainedOutcome? Retained { get; init; }

    /// <summary>
    /// When the agreement ended: <see cref="EndedAt"/>, or for a row that ended before it was kept, its last change
    /// (a change after the end only moves it later, so erasure is never early); null while it runs.
    /// </summary>
    public DateTimeOffset? EndedOrLastChangedAt => Status.IsFinal() ? EndedAt ?? LastChangedAt : null;

    /// <summary>
    /// <paramref name="changed"/> with <see cref="EndedAt"/> set to <paramref name="at"/> if this change ends the agreement
    /// (every store applies a workflow change through this, so the end is recorded however the status got there).
    /// </summary>
    public static AgreementRecord WithEnd(AgreementRecord current, AgreementRecord changed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changed);
        return changed.Status.IsFinal() && !current.Status.IsFinal() && changed.EndedAt is null ? changed with { EndedAt = at } : changed;
    }

    /// <summary>
    /// The vulnerable housing area the agreement is about (the list's "boligområde"): <see cref="FromArea"/>
    /// when moving out of it, <see cref="ToArea"/> when moving into it (null while that is not known).
    /// </summary>
    public string? HousingArea => Direction == MoveDirection.Out ? FromArea : ToArea;

    /// <summary>
    /// When something is next due on this agreement, for sorting lists: the earliest due of its open tasks;
    /// without open tasks the planned move (awaiting the move) or the next milestone (monitoring); null
    /// once the agreement has ended, and while nothing is scheduled (e.g. financing being assessed).
    /// </summary>
    public DateTimeOffset? NextDueAt => Status.IsFinal()
        ? null
        : EarliestTaskDueAt ?? Status switch
        {
            AgreementStatus.AwaitingMove => PlannedMoveAt,
            AgreementStatus.Monitoring => NextMilestoneAt,
            _ => null,
        };

    /// <summary>
    /// Whether the agreement needs someone's action now ("kræver handling"): it has an open task. A task is
    /// opened when a person can and should act (consent to record, a decision to take, data or a move that
    /// is due), so an open task is due or overdue; an ended agreement needs none.
    /// </summary>
    public bool NeedsAction => !Status.IsFinal() && OpenTaskCount > 0;

    /// <summary>The real instant the planned move date begins in this agreement's policy time.</summary>
    public DateTimeOffset? PlannedMoveAt => Clock is { } clock ? new DateTimeOffset(clock.StartOf(PlannedMoveDate)) : null;

    /// <summary>The agreement's policy clock (null if its day length is not positive: damaged data).</summary>
    public PolicyClock? Clock => DayLength > TimeSpan.Zero ? new PolicyClock(CreatedAt.UtcDateTime, DayLength) : null;

    /// <summary>The Danish date in this agreement's policy time at real instant <paramref name="at"/> (the calendar date when its clock is damaged).</summary>
    public DateOnly PolicyDateAt(DateTimeOffset at) => Clock?.DateAt(at.UtcDateTime) ?? DanishCalendar.DateOf(at.UtcDateTime);
}

public static class AgreementRecordExtensions
{
    public static IndicatorValues RequireBaseline(this AgreementRecord agreement) =>
        agreement.Baseline ?? throw new InvalidOperationException($"The baseline of agreement {agreement.AgreementId} has been erased.");

    /// <summary>The terms of the financing instrument the agreement is pinned to.</summary>
    public static Financing.FinancingInstrument Instrument(this AgreementRecord agreement) => Financing.InstrumentCatalog.Get(agreement.InstrumentName);

    /// <summary>The financing approved for the agreement (an automatic approval is the amount requested); 0 when none was.</summary>
    public static decimal CommittedDkk(this AgreementRecord agreement) =>
        agreement.FinancingRoute is FinancingRoute.AutoApproved or FinancingRoute.ApprovedByApprover
            ? agreement.ApprovedDkk ?? agreement.RequestedDkk
            : 0m;

    /// <summary>Whether the instrument has paid out: financing was approved and the move is recorded (it pays at the move).</summary>
    public static bool IsPaid(this AgreementRecord agreement) => agreement.CommittedDkk() > 0m && agreement.MovedOn is not null;

    /// <summary>The business case the agreement's financing is judged by: its policy, instrument, baseline and requested amount.</summary>
    public static Financing.BusinessCase ProjectBusinessCase(this AgreementRecord agreement) =>
        Financing.BusinessCase.Project(Policies.PolicyCatalog.Get(agreement.PolicyName), agreement.Instrument(), agreement.RequireBaseline(), agreement.RequestedDkk);

    /// <summary>The real instant <paramref name="milestone"/> falls due (null before the move).</summary>
    public static DateTimeOffset? DueAt(this AgreementRecord agreement, Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.MovedOn is { } movedOn && agreement.Clock is { } clock
            ? new DateTimeOffset(clock.StartOf(movedOn, milestone.MonthsAfterMove()))
            : null;
    }

    /// <summary>
    /// The next milestone's due instant once <paramref name="measured"/> has been measured: the one after
    /// it, unless a later one is set already (late data for an earlier milestone never moves it back).
    /// </summary>
    public static DateTimeOffset? NextMilestoneAfter(this AgreementRecord agreement, Milestone measured)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var next = Milestones.InOrder.SkipWhile(milestone => milestone != measured).Skip(1).Select(milestone => agreement.DueAt(milestone)).FirstOrDefault();
        return next is { } due && (agreement.NextMilestoneAt is not { } current || due > current) ? due : agreement.NextMilestoneAt;
    }
}
