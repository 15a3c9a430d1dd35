using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// What the steps of one <see cref="AgreementLifecycle"/> run share: the pinned policy and its clock,
/// the stop signal, the escalations raised so far, the tasks it has opened, and the few moves every step
/// makes (record progress, notify, wait, escalate, open and close tasks). Everything here is deterministic
/// and replay-safe.
/// </summary>
public sealed partial class LifecycleRun
{
    private readonly Task<StopRequested> stop;
    private readonly LifecycleInbox inbox;
    private readonly HashSet<string> openEscalations = new(StringComparer.Ordinal);
    private readonly HashSet<string> openTasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> undecided = new(StringComparer.Ordinal);
    private readonly HashSet<ExtensionRequest> extensions = [];
    private readonly ILogger logger;
    private readonly DateTime? horizon;
    private bool messagesSinceLastAwait;

    /// <summary>
    /// How many policy days one generation waits at most (version 1.2 on). At a real day and the worker's
    /// default MaximumTimerInterval (3 days) a wait is chained timers of 3 days, four history events each:
    /// 90 days are 30 timers, about 120 events, which leaves room for the phase's own steps under 200.
    /// </summary>
    public const int HorizonDays = 90;

    public LifecycleRun(TaskOrchestrationContext context, AgreementLifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        Context = context;
        Input = input;
        Policy = PolicyCatalog.Get(input.PolicyName);
        Clock = new PolicyClock(input.CreatedAtUtc, input.DayLength);
        logger = context.CreateReplaySafeLogger<AgreementLifecycle>();
        KeepsTasks = context.CompareVersionTo(WorkflowVersions.TaskBoard) >= 0;
        ContinuesAsNew = context.CompareVersionTo(WorkflowVersions.Generations) >= 0;
        SharesDeadlines = context.CompareVersionTo(WorkflowVersions.SharedDeadlines) >= 0;
        ActsOnDecisions = context.CompareVersionTo(WorkflowVersions.ActedDecisions) >= 0;
        SettlesFinancing = context.CompareVersionTo(WorkflowVersions.Settlements) >= 0;
        Checkpoint = input.Resume ?? new LifecycleCheckpoint(LifecyclePhase.Start, null, null, [], [], [], Generation: 1);
        openEscalations.UnionWith(Checkpoint.OpenEscalations);
        openTasks.UnionWith(Checkpoint.OpenTasks);
        undecided.UnionWith(Checkpoint.Undecided ?? []);
        extensions.UnionWith(Checkpoint.Extensions ?? []);
        AwaitingData = [.. Checkpoint.AwaitingData];
        inbox = new LifecycleInbox(context, Checkpoint.Carried);
        if (ContinuesAsNew)
        {
            // Every event a later phase may wait for, so one that arrives early is kept for the generation that needs it.
            inbox.Listen<ConsentDecided>();
            inbox.Listen<FinancingDecided>();
            inbox.Listen<MoveRecorded>();
            inbox.Listen<MeasurementRecorded>();
        }

        if (ActsOnDecisions)
        {
            inbox.Listen<EscalationEnded>();
        }

        // Measured from the generation's first episode (replayed from history, so deterministic).
        horizon = ContinuesAsNew ? Clock.After(context.CurrentUtcDateTime, HorizonDays) : null;

        // One waiter for the whole run: a stop is honoured in whatever step it arrives.
        stop = context.WaitForExternalEvent<StopRequested>(WorkflowEvents.NameOf<StopRequested>());
    }

    public TaskOrchestrationContext Context { get; }

    public AgreementLifecycleInput Input { get; }

    public LifecyclePolicy Policy { get; }

    public PolicyClock Clock { get; }

    public string AgreementId => Input.AgreementId;

    /// <summary>
    /// Whether this run keeps the task board (version 1.1 on). A run of 1.0 schedules no task activity
    /// and no extra timer, so its history replays as it was written.
    /// </summary>
    public bool KeepsTasks { get; }

    /// <summary>
    /// Whether this run is one generation of the lifecycle (version 1.2 on): it runs the phase its
    /// <see cref="Checkpoint"/> names and continues as new with the next. Runs of 1.0 and 1.1 run the whole
    /// lifecycle in one history, as they were written.
    /// </summary>
    public bool ContinuesAsNew { get; }

    /// <summary>
    /// Whether a milestone's wait that data wakes early goes on against the same timer (version 1.3 on); runs of
    /// 1.2 and before start a timer for every wake, as their histories hold.
    /// </summary>
    public bool SharesDeadlines { get; }

    /// <summary>
    /// Whether escalations' decisions act on this run (version 1.4 on): it learns when its escalations end
    /// (<see cref="EscalationEnded"/>), measures the extensions they schedule, and completes only once the escalations
    /// that may schedule more have ended. Runs of 1.3 and before never hear of a decision.
    /// </summary>
    public bool ActsOnDecisions { get; }

    /// <summary>Whether an end after the move settles the financing first (version 1.5 on; <see cref="SettleAsync"/>).</summary>
    public bool SettlesFinancing { get; }

    /// <summary>Whether an escalation that may yet schedule more monitoring is still open (see <see cref="LifecycleCheckpoint.Undecided"/>).</summary>
    public bool AwaitsDecisions => undecided.Count > 0;

    /// <summary>Whether an extra measurement is scheduled and not yet taken.</summary>
    public bool HasExtensions => extensions.Count > 0;

    /// <summary>The scheduled extra measurements, earliest first, with the real instant each falls due (the move date is known in monitoring).</summary>
    public IReadOnlyList<(ExtensionRequest Extension, DateTime DueAt)> ExtensionsByDue(DateOnly movedOn) =>
        [.. extensions
            .Select(extension => (extension, Clock.StartOf(movedOn, Indicators.Extension.MonthsAfterMove(extension.Milestone, extension.Months))))
            .OrderBy(due => due.Item2)
            .ThenBy(due => due.extension.Milestone)
            .ThenBy(due => due.extension.Months)];

    /// <summary>An extra measurement has been taken; it is no longer scheduled.</summary>
    public void ExtensionTaken(ExtensionRequest extension) => extensions.Remove(extension);

    /// <summary>Where this generation starts, and the state the previous one handed over.</summary>
    public LifecycleCheckpoint Checkpoint { get; }

    /// <summary>Milestones that fell due without data; a MeasurementRecorded event for one of them measures it.</summary>
    public HashSet<Milestone> AwaitingData { get; }

    public DateTime Now => Context.CurrentUtcDateTime;

    /// <summary>Calls an activity, with the retries every activity call gets.</summary>
    public Task<TResult> CallAsync<TResult>(string activity, object input) =>
        Context.CallActivityAsync<TResult>(activity, input, ActivityRetries.Options);

    /// <summary>The real instant <paramref name="days"/> policy days from now.</summary>
    public DateTime DaysFromNow(int days) => Clock.After(Now, days);

    /// <summary>Records a step on the timeline and, if given, the agreement's new status.</summary>
    public async Task ProgressAsync(TimelineKind kind, AgreementStatus? status = null, string actor = Actors.System, string? detail = null)
    {
        if (status is { } newStatus)
        {
            Context.SetCustomStatus(new LifecycleStatus(newStatus, Context.Version));
            LogStatus(AgreementId, newStatus);
        }

        await CallAsync<bool>(nameof(RecordProgress), new ProgressInput(AgreementId, Now, kind, actor, status, detail));
    }

    /// <summary>
    /// Settles the financing against the gains realised, as the agreement is about to end with <paramref name="endsAs"/>
    /// (version 1.5 on). The activity finds out whether the instrument paid anything (approved and moved) and settles nothing otherwise.
    /// </summary>
    public async Task SettleAsync(AgreementStatus endsAs)
    {
        if (SettlesFinancing)
        {
            await CallAsync<bool>(nameof(SettleFinancing), new SettlementInput(AgreementId, Now, endsAs));
        }
    }

    /// <summary>Ends the agreement with a final status; the tasks this run opened are closed first.</summary>
    public async Task<AgreementStatus> EndAsync(AgreementStatus status, TimelineKind kind, string actor = Actors.System)
    {
        await CloseOpenTasksAsync();
        await ProgressAsync(kind, status, actor);
        return status;
    }

    /// <summary>
    /// Puts a task on the board for the role that must act (<see cref="TaskKinds.Role"/>), due at
    /// <paramref name="due"/> (real time), shown as <paramref name="dueDate"/> (default: the policy date at
    /// <paramref name="due"/>; pass the date itself when <paramref name="due"/> is the start of one, which a
    /// compressed day may map back to a tick before midnight). Opening it again moves its due date.
    /// </summary>
    public async Task OpenTaskAsync(TaskKind kind, DateTime due, Milestone? milestone = null, DateOnly? dueDate = null)
    {
        if (!KeepsTasks)
        {
            return;
        }

        openTasks.Add(CaseTask.IdFor(kind, milestone));
        await CallAsync<bool>(nameof(OpenTask), new TaskOpening(AgreementId, Now, kind, due, dueDate ?? Clock.DateAt(due), milestone));
    }

    /// <summary>Closes a task this run opened, because it has been done; one it never opened is no call at all.</summary>
    public async Task CloseTaskAsync(TaskKind kind, Milestone? milestone = null)
    {
        if (openTasks.Remove(CaseTask.IdFor(kind, milestone)))
        {
            await CallAsync<bool>(nameof(CloseTasks), new TaskClosing(AgreementId, Now, [CaseTask.IdFor(kind, milestone)]));
        }
    }

    /// <summary>Closes what this run still has open (at the end: data that never came, say). Escalations close their own.</summary>
    private async Task CloseOpenTasksAsync()
    {
        if (openTasks.Count == 0)
        {
            return;
        }

        // Ordered: a HashSet's order follows string hashes, which differ between processes.
        var taskIds = openTasks.Order(StringComparer.Ordinal).ToList();
        openTasks.Clear();
        await CallAsync<bool>(nameof(CloseTasks), new TaskClosing(AgreementId, Now, taskIds));
    }

    /// <summary>Sends one of the workflow's emails; <paramref name="respondBy"/> (real time) is shown as a policy date.</summary>
    public Task NotifyAsync(NotificationKind kind, string subject, DateTime? respondBy = null, Milestone? milestone = null) =>
        CallAsync<bool>(
            nameof(SendNotification),
            new NotificationRequest(AgreementId, kind, subject, respondBy is { } at ? Clock.DateAt(at) : null, milestone));

    /// <summary>
    /// Waits for the next <typeparamref name="TEvent"/> until <paramref name="until"/> (real time;
    /// null waits without a deadline). A stop request ends the wait with an
    /// <see cref="AgreementStoppedException"/>; the losing timer is cancelled.
    /// </summary>
    public async Task<Waited<TEvent>> WaitAsync<TEvent>(DateTime? until)
    {
        using var deadline = DeadlineAt(until);
        return await WaitAsync<TEvent>(deadline);
    }

    /// <summary>
    /// A wait a phase opens with (for the planned move date, for a milestone's due date), which may last
    /// years. From version 1.2 a generation waits at most <see cref="HorizonDays"/>: if nothing has happened
    /// by then, a <see cref="GenerationEndedException"/> ends the generation and the next one opens the phase
    /// again with this same wait. Only a phase's first wait may do this, so nothing before it is repeated.
    /// </summary>
    public async Task<Waited<TEvent>> WaitOpeningAsync<TEvent>(DateTime until)
    {
        using var deadline = DeadlineAt(until, opening: true);
        return await WaitAsync<TEvent>(deadline);
    }

    /// <summary>
    /// Starts the timer for a wait, or for several waits that share it (see <see cref="WaitDeadline"/>). An
    /// <paramref name="opening"/> wait (see <see cref="WaitOpeningAsync{TEvent}"/>) beyond the generation's horizon
    /// gets the horizon instead, and reaching it ends the generation.
    /// </summary>
    public WaitDeadline DeadlineAt(DateTime? until, bool opening = false)
    {
        var endsGeneration = opening && horizon is { } generationEnds && until > generationEnds;
        return new WaitDeadline(Context, endsGeneration ? horizon : until, endsGeneration);
    }

    /// <summary>
    /// Waits for the next <typeparamref name="TEvent"/> until <paramref name="deadline"/>'s timer fires. A stop
    /// request ends the wait with an <see cref="AgreementStoppedException"/>; a deadline that
    /// <see cref="WaitDeadline.EndsGeneration"/> with a <see cref="GenerationEndedException"/>.
    /// </summary>
    /// <param name="wakeOnSettled">
    /// Return (with <see cref="Waited{T}.Settled"/>) when one of the run's escalations has ended, because that may change
    /// what the caller waits for; otherwise the end is taken note of and the wait goes on against the same deadline.
    /// </param>
    public async Task<Waited<TEvent>> WaitAsync<TEvent>(WaitDeadline deadline, bool wakeOnSettled = false)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        while (true)
        {
            var next = inbox.Next<TEvent>();
            var ended = ActsOnDecisions ? inbox.Next<EscalationEnded>() : null;

            // The stop signal comes first: if both are ready, a stop wins.
            List<Task> racing = [stop, next];
            if (ended is not null)
            {
                racing.Add(ended);
            }

            if (deadline.Timer is { } timer)
            {
                racing.Add(timer);
            }

            var winner = await Task.WhenAny(racing);
            if (winner == stop)
            {
                throw new AgreementStoppedException(await stop);
            }

            if (winner == next)
            {
                inbox.Consumed<TEvent>();
                return new Waited<TEvent>(true, await next);
            }

            if (ended is not null && winner == ended)
            {
                inbox.Consumed<EscalationEnded>();
                Settle(await ended);
                if (wakeOnSettled)
                {
                    return new Waited<TEvent>(false, default, Settled: true);
                }

                continue;
            }

            return deadline.EndsGeneration ? throw new GenerationEndedException() : new Waited<TEvent>(false, default);
        }
    }

    /// <summary>
    /// Takes note that an escalation has ended (version 1.4 on): it is no longer open, the escalation that replaced it
    /// (a follow-up not done in time) is, and an extension it asked for is scheduled.
    /// </summary>
    private void Settle(EscalationEnded ended)
    {
        openEscalations.Remove(ended.EscalationId);
        var mayScheduleMore = undecided.Remove(ended.EscalationId);
        if (ended.Successor is { } successor)
        {
            openEscalations.Add(successor);
            if (mayScheduleMore)
            {
                undecided.Add(successor);
            }
        }

        if (ended.Extend is { } extension)
        {
            extensions.Add(extension);
        }

        LogSettled(AgreementId, ended.EscalationId, ended.Decision);
    }

    /// <summary>
    /// Ends this generation and starts the next at <paramref name="phase"/> (ContinueAsNew), handing over
    /// ids and state only. A stop that arrived while this generation was busy is honoured here instead, and
    /// the events it received but no step used yet go to the next generation in the checkpoint (<see cref="LifecycleInbox"/>).
    /// </summary>
    /// <param name="status">The agreement's status now (the engine ignores a continued generation's output).</param>
    public async Task<AgreementStatus> ContinueAsNewAsync(AgreementStatus status, LifecyclePhase phase, DateOnly? movedOn = null, Milestone? milestone = null)
    {
        if (messagesSinceLastAwait)
        {
            // Escalations started or closed in this episode: let the engine commit those messages before the
            // generation ends. The local engine (InProcessTestHost 0.2.3-preview.1) drops every message an
            // episode sends when that episode continues as new.
            await Context.CreateTimer(Now, CancellationToken.None);
        }

        if (stop.IsCompletedSuccessfully)
        {
            return await StopAsync(await stop);
        }

        var next = new LifecycleCheckpoint(
            phase,
            movedOn,
            milestone,
            [.. AwaitingData.Order()],
            [.. openEscalations.Order(StringComparer.Ordinal)],
            [.. openTasks.Order(StringComparer.Ordinal)],
            Checkpoint.Generation + 1,
            inbox.HandOver() is { Count: > 0 } carried ? carried : null,
            undecided.Count > 0 ? [.. undecided.Order(StringComparer.Ordinal)] : null,
            extensions.Count > 0 ? [.. extensions.OrderBy(extension => extension.Milestone).ThenBy(extension => extension.Months)] : null);
        LogContinuesAsNew(AgreementId, next.Generation, phase, milestone);
        Context.ContinueAsNew(Input with { Resume = next }, preserveUnprocessedEvents: true);
        return status;
    }

    /// <summary>
    /// Starts an escalation about <paramref name="subject"/> as its own orchestration, and does not
    /// wait for it: an open escalation never holds back the agreement. Raising the same subject
    /// again is a no-op (the escalation id is deterministic). Versions 1.0 and 1.1 start it as a
    /// sub-orchestration, as their histories hold; from 1.2 an activity starts it, because a generation
    /// cannot continue as new while a sub-orchestration it started still runs.
    /// </summary>
    /// <param name="extensionMonths">For an escalation about an extra measurement: its months after the milestone.</param>
    public async Task EscalateAsync(EscalationReason reason, string subject, Milestone? milestone = null, int? extensionMonths = null)
    {
        var escalationId = EscalationIds.For(AgreementId, subject);
        if (!openEscalations.Add(escalationId))
        {
            return;
        }

        LogEscalation(AgreementId, escalationId, reason);
        if (ActsOnDecisions && (reason == EscalationReason.IndicatorBelowThreshold || extensionMonths is not null))
        {
            // A decision on it may extend the monitoring, so the agreement does not complete before it is decided.
            undecided.Add(escalationId);
        }

        var input = ActsOnDecisions
            ? new EscalationInput(escalationId, AgreementId, reason, subject, milestone, Input.SupervisorLevels, Policy.Escalation.DaysPerLevel, Clock, Policy.Decisions, extensionMonths)
            : new EscalationInput(escalationId, AgreementId, reason, subject, milestone, Input.SupervisorLevels, Policy.Escalation.DaysPerLevel, Clock);
        if (ContinuesAsNew)
        {
            await CallAsync<bool>(nameof(StartEscalation), new EscalationStart(input, Context.Version));
            return;
        }

        messagesSinceLastAwait = true;
        _ = Context.CallSubOrchestratorAsync<EscalationStatus>(
            nameof(EscalationWorkflow),
            input,
            new SubOrchestrationOptions { InstanceId = escalationId, Version = Context.Version });
    }

    /// <summary>Closes an escalation this run raised, because what it was about has happened.</summary>
    public void CloseEscalation(string subject, EscalationStatus status = EscalationStatus.ClosedBySystem)
    {
        var escalationId = EscalationIds.For(AgreementId, subject);
        if (openEscalations.Remove(escalationId))
        {
            // An escalation that has already been decided has ended; the engine drops the event.
            Context.SendEvent(escalationId, WorkflowEvents.NameOf<EscalationClosed>(), new EscalationClosed(status));
            messagesSinceLastAwait = true;
        }
    }

    /// <summary>
    /// Honours a stop request: closes open escalations and every open task of the agreement (its
    /// escalations' too, which they also close themselves as they end), erases data after a withdrawal,
    /// ends the agreement.
    /// </summary>
    public async Task<AgreementStatus> StopAsync(StopRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var escalationId in openEscalations)
        {
            Context.SendEvent(escalationId, WorkflowEvents.NameOf<EscalationClosed>(), new EscalationClosed(EscalationStatus.Cancelled));
        }

        openEscalations.Clear();
        if (KeepsTasks)
        {
            openTasks.Clear();
            await CallAsync<bool>(nameof(CloseTasks), new TaskClosing(AgreementId, Now, TaskIds: null));
        }

        var endsAs = request.Kind == StopKind.Cancel ? AgreementStatus.Cancelled : AgreementStatus.ConsentWithdrawn;
        if (Checkpoint.Phase != LifecyclePhase.Start)
        {
            // Financing may have been paid (past consent and financing): settled on what was measured, before a withdrawal erases it.
            await SettleAsync(endsAs);
        }

        if (endsAs == AgreementStatus.Cancelled)
        {
            return await EndAsync(AgreementStatus.Cancelled, TimelineKind.AgreementCancelled, request.Actor);
        }

        var status = await EndAsync(AgreementStatus.ConsentWithdrawn, TimelineKind.ConsentWithdrawn, request.Actor);
        await CallAsync<bool>(nameof(EraseAgreementData), new ErasureInput(AgreementId, Now));
        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} is now {Status}")]
    private partial void LogStatus(string agreementId, AgreementStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} continues as new: generation {Generation}, {Phase} {Milestone}")]
    private partial void LogContinuesAsNew(string agreementId, int generation, LifecyclePhase phase, Milestone? milestone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId}: escalation {EscalationId} has ended ({Decision})")]
    private partial void LogSettled(string agreementId, string escalationId, EscalationDecision? decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} escalates {EscalationId} ({Reason})")]
    private partial void LogEscalation(string agreementId, string escalationId, EscalationReason reason);
}
