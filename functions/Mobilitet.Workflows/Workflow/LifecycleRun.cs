using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// What the steps of one <see cref="AgreementLifecycle"/> run share: the pinned policy and its clock,
/// the stop signal, the escalations raised so far, and the few moves every step makes (record
/// progress, notify, wait, escalate). Everything here is deterministic and replay-safe.
/// </summary>
public sealed partial class LifecycleRun
{
    private readonly Task<StopRequested> stop;
    private readonly Dictionary<Type, Task> pendingEvents = [];
    private readonly HashSet<string> openEscalations = new(StringComparer.Ordinal);
    private readonly ILogger logger;

    public LifecycleRun(TaskOrchestrationContext context, AgreementLifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        Context = context;
        Input = input;
        Policy = PolicyCatalog.Get(input.PolicyName);
        Clock = new PolicyClock(input.CreatedAtUtc, input.DayLength);
        logger = context.CreateReplaySafeLogger<AgreementLifecycle>();

        // One waiter for the whole run: a stop is honoured in whatever step it arrives.
        stop = context.WaitForExternalEvent<StopRequested>(WorkflowEvents.NameOf<StopRequested>());
    }

    public TaskOrchestrationContext Context { get; }

    public AgreementLifecycleInput Input { get; }

    public LifecyclePolicy Policy { get; }

    public PolicyClock Clock { get; }

    public string AgreementId => Input.AgreementId;

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

    /// <summary>Ends the agreement with a final status.</summary>
    public async Task<AgreementStatus> EndAsync(AgreementStatus status, TimelineKind kind, string actor = Actors.System)
    {
        await ProgressAsync(kind, status, actor);
        return status;
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
        var next = NextEvent<TEvent>();
        using var cancelTimer = new CancellationTokenSource();
        var timer = until is { } deadline ? Context.CreateTimer(deadline, cancelTimer.Token) : null;

        // The stop signal comes first: if both are ready, a stop wins.
        var winner = timer is null ? await Task.WhenAny(stop, next) : await Task.WhenAny(stop, next, timer);
        if (winner != timer)
        {
            // Synchronous on purpose: cancellation callbacks must run on the orchestrator's thread.
            cancelTimer.Cancel();
        }

        if (winner == stop)
        {
            throw new AgreementStoppedException(await stop);
        }

        if (winner == next)
        {
            pendingEvents.Remove(typeof(TEvent));
            return new Waited<TEvent>(true, await next);
        }

        return new Waited<TEvent>(false, default);
    }

    /// <summary>
    /// Starts an escalation about <paramref name="subject"/> as its own orchestration, and does not
    /// wait for it: an open escalation never holds back the agreement. Raising the same subject
    /// again is a no-op (the escalation id is deterministic).
    /// </summary>
    public void Escalate(EscalationReason reason, string subject, Milestone? milestone = null)
    {
        var escalationId = EscalationIds.For(AgreementId, subject);
        if (!openEscalations.Add(escalationId))
        {
            return;
        }

        LogEscalation(AgreementId, escalationId, reason);
        _ = Context.CallSubOrchestratorAsync<EscalationStatus>(
            nameof(EscalationWorkflow),
            new EscalationInput(escalationId, AgreementId, reason, subject, milestone, Input.SupervisorLevels, Policy.Escalation.DaysPerLevel, Clock),
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
        }
    }

    /// <summary>Honours a stop request: closes open escalations, erases data after a withdrawal, ends the agreement.</summary>
    public async Task<AgreementStatus> StopAsync(StopRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var escalationId in openEscalations)
        {
            Context.SendEvent(escalationId, WorkflowEvents.NameOf<EscalationClosed>(), new EscalationClosed(EscalationStatus.Cancelled));
        }

        openEscalations.Clear();
        if (request.Kind == StopKind.Cancel)
        {
            return await EndAsync(AgreementStatus.Cancelled, TimelineKind.AgreementCancelled, request.Actor);
        }

        var status = await EndAsync(AgreementStatus.ConsentWithdrawn, TimelineKind.ConsentWithdrawn, request.Actor);
        await CallAsync<bool>(nameof(EraseAgreementData), new ErasureInput(AgreementId, Now));
        return status;
    }

    // One waiter per event type at a time, kept until its event is consumed: an abandoned waiter
    // would otherwise swallow a later event of the same name.
    private Task<TEvent> NextEvent<TEvent>()
    {
        if (!pendingEvents.TryGetValue(typeof(TEvent), out var pending))
        {
            pending = Context.WaitForExternalEvent<TEvent>(WorkflowEvents.NameOf<TEvent>());
            pendingEvents[typeof(TEvent)] = pending;
        }

        return (Task<TEvent>)pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} is now {Status}")]
    private partial void LogStatus(string agreementId, AgreementStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} escalates {EscalationId} ({Reason})")]
    private partial void LogEscalation(string agreementId, string escalationId, EscalationReason reason);
}
