using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;
using Mobilitet.Workflows.Hosting.WellBeing;
using Microsoft.AspNetCore.DataProtection;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The workflow alone, fast: the real orchestrators and activities on the local host's engine in memory
/// (<see cref="EngineServiceCollectionExtensions.AddLocalDurableEngine"/>, Engine:Provider=InMemory), every port
/// the activities use replaced by an in-memory fake. No HTTP, no Azurite, no SendGrid. One engine per test class;
/// each test starts its own agreements, with a day length of its own (<see cref="Days"/>) chosen so that the timer
/// it is about either cannot fire during the test or must fire at once.
/// </summary>
public sealed class WorkflowEngine : IAsyncLifetime
{
    private IHost? host;

    public InMemoryAgreementRepository Agreements { get; } = new();

    public InMemoryTimeline Timeline { get; } = new();

    public InMemoryTaskBoard Tasks { get; } = new();

    public InMemoryEscalationRepository Escalations { get; } = new();

    public InMemoryMeasurementRepository Measurements { get; } = new();

    public InMemoryIndicatorStore Indicators { get; } = new();

    public InMemoryPersonalDataVault Vault { get; } = new();

    public InMemoryPersonKeyIndex PersonKeys { get; } = new();

    public InMemoryRegisterRowStore RegisterRows { get; } = new();

    public InMemoryDocumentStore Documents { get; } = new();

    public InMemoryCheckInStore CheckIns { get; } = new();

    public RecordingOutbox Emails { get; } = new();

    public InMemoryFailedNotifications FailedNotifications { get; } = new();

    /// <summary>What every generation replayed, as the worker received it.</summary>
    public HistoryMeter History { get; } = new();

    /// <summary>The policy the workflow tests run on unless they ask for another: their rules are standard-v1's (the check-in has its own tests).</summary>
    public const string V1 = "standard-v1";

    public DurableTaskClient Client => host!.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EngineOptions.Section}:{nameof(EngineOptions.Provider)}"] = nameof(EngineProvider.InMemory),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton<IAgreementRepository>(Agreements);
        services.AddSingleton<ITimeline>(Timeline);
        services.AddSingleton<ITaskBoard>(Tasks);
        services.AddSingleton<IEscalationRepository>(Escalations);
        services.AddSingleton<IMeasurementRepository>(Measurements);
        services.AddSingleton<IIndicatorStore>(Indicators);
        services.AddSingleton<IIndicatorSource>(new MilestoneIndicatorSource(RegisterRows, Indicators, SupportCodeTable.Default));
        services.AddSingleton<IPersonalDataVault>(Vault);
        services.AddSingleton<IPersonKeyIndex>(PersonKeys);
        services.AddSingleton<IRegisterRowStore>(RegisterRows);
        services.AddSingleton<IDocumentStore>(Documents);
        services.AddSingleton<ICheckInStore>(CheckIns);
        services.AddSingleton<Mobilitet.Workflows.Web.Rendering.PageRenderer>();
        services.AddSingleton<IMeasurementReportPages, Mobilitet.Workflows.Hosting.Pages.MeasurementReportPages>();
        services.AddSingleton<Mobilitet.Workflows.Financing.ISettlementReportPages, Mobilitet.Workflows.Hosting.Pages.SettlementReportPages>();
        services.AddSingleton<IEmailTemplates, Mobilitet.Workflows.Hosting.Emails.EmailTemplates>();
        services.AddSingleton<ICheckInLinks>(new CheckInLinks(new EphemeralDataProtectionProvider(), new FixedPublicBaseAddress(new Uri("http://mobilitet.test"))));
        services.AddSingleton<IOutbox>(Emails);
        services.AddSingleton<IEmailSender>(Emails);
        services.AddSingleton<INotificationLog, InMemoryNotificationLog>();
        services.AddSingleton<IFailedNotifications>(FailedNotifications);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NotificationOptions { FinanceApproverEmail = Samples.FinanceApprover });
        var publicBase = new FixedPublicBaseAddress(new Uri("http://mobilitet.test"));
        var recipients = new RecipientKeys(new PersonKeyOptions { PersonKeySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        services.AddSingleton(new NotificationLinks(publicBase, new Mobilitet.Workflows.Hosting.DecisionLinks.ProtectedDecisionLinks(new EphemeralDataProtectionProvider(), publicBase, recipients)));
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<WorkflowFailureRecorder>();
        services.AddTransient<Mobilitet.Workflows.PersonalData.AgreementErasure>();
        services.AddTransient<Mobilitet.Workflows.Financing.FinancingSettler>();
        foreach (var activity in WorkflowTasks.Activities)
        {
            services.AddTransient(activity);
        }

        services.AddLocalDurableEngine(builder.Configuration);
        History.AttachTo(services);
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            await ((IAsyncDisposable)host).DisposeAsync(); // the sidecar disposes asynchronously only
        }
    }

    /// <summary>
    /// Stores an agreement (read model and personal data, as the API does) and starts its workflow at the current
    /// version, where <paramref name="resume"/> says (null: a new agreement, at consent).
    /// </summary>
    /// <param name="day">How long one policy day lasts for this agreement (<see cref="Days"/>).</param>
    /// <param name="requestedDkk">20 000 kr. is approved automatically; 50 000 kr. needs the finance approver.</param>
    /// <param name="plannedMoveDate">Default: 30 policy days after creation.</param>
    /// <param name="version">The workflow version the agreement was started on (one still running from before an upgrade).</param>
    /// <param name="policyStartsIn">
    /// How far after now policy time starts. The consent step counts its reminders and expiry from there, every later
    /// step from now: a start in the future keeps consent from expiring while a later step's timer runs on a short day.
    /// </param>
    public async Task<string> StartAsync(
        TimeSpan day,
        decimal requestedDkk = 20_000m,
        DateOnly? plannedMoveDate = null,
        LifecycleCheckpoint? resume = null,
        TimeSpan policyStartsIn = default,
        DateOnly? movedOn = null,
        string version = WorkflowVersions.Current)
    {
        var input = await StoreAsync(day, requestedDkk, plannedMoveDate, resume, policyStartsIn, movedOn);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementLifecycle), input, new StartOrchestrationOptions(input.AgreementId) { Version = version });
        return input.AgreementId;
    }

    /// <summary>Stores an agreement as <see cref="StartAsync"/> does, without starting its workflow; returns the workflow's input.</summary>
    public async Task<AgreementLifecycleInput> StoreAsync(
        TimeSpan day,
        decimal requestedDkk = 20_000m,
        DateOnly? plannedMoveDate = null,
        LifecycleCheckpoint? resume = null,
        TimeSpan policyStartsIn = default,
        DateOnly? movedOn = null,
        string policy = V1)
    {
        var id = AgreementIds.New();
        var createdAt = DateTime.UtcNow + policyStartsIn;
        var clock = new PolicyClock(createdAt, day);
        var planned = plannedMoveDate ?? clock.DateAt(createdAt).AddDays(30);
        await Vault.SaveAsync(id, Samples.PersonalData(), CancellationToken.None);
        await PersonKeys.AddAsync(new PersonKeyEntry(new PersonKey("person-of-" + id), id, "0751"), CancellationToken.None);
        await Agreements.AddAsync(
            Samples.Agreement(id, StatusAt(resume), createdAt, day, planned) with { MovedOn = movedOn, PolicyName = policy, RequestedDkk = requestedDkk },
            CancellationToken.None);
        return new AgreementLifecycleInput(id, policy, createdAt, day, planned, SupervisorLevels: 2, resume);
    }

    /// <summary>Starts an escalation of a stored agreement on its own, as the agreement's StartEscalation activity does.</summary>
    /// <param name="version">The workflow version it runs (an escalation takes its agreement's).</param>
    public async Task<string> StartEscalationAsync(AgreementLifecycleInput agreement, EscalationReason reason, string subject, Milestone? milestone = null, string version = WorkflowVersions.Current)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var escalationId = EscalationIds.For(agreement.AgreementId, subject);
        var input = new EscalationInput(
            escalationId,
            agreement.AgreementId,
            reason,
            subject,
            milestone,
            agreement.SupervisorLevels,
            PolicyCatalog.StandardV1.Escalation.DaysPerLevel,
            new PolicyClock(agreement.CreatedAtUtc, agreement.DayLength));
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(EscalationWorkflow), input, new StartOrchestrationOptions(escalationId) { Version = version });
        return escalationId;
    }

    /// <summary>
    /// Starts an agreement at a milestone's generation of monitoring (at <paramref name="version"/>), moved on <paramref name="movedOn"/>,
    /// with indicator values stored before it starts for the milestones in <paramref name="onTrack"/> (on track) and
    /// <paramref name="below"/> (below every threshold); any other milestone's data is missing.
    /// </summary>
    public async Task<string> StartMonitoringAsync(
        TimeSpan day,
        Milestone milestone,
        DateOnly movedOn,
        IReadOnlyList<Milestone>? onTrack = null,
        IReadOnlyList<Milestone>? below = null,
        string version = WorkflowVersions.Current,
        string policy = V1,
        Func<string, Task>? beforeStart = null)
    {
        var input = await StoreAsync(day, movedOn: movedOn, resume: new LifecycleCheckpoint(LifecyclePhase.Monitoring, movedOn, milestone, [], [], [], Generation: 4), policy: policy);
        foreach (var measured in onTrack ?? [])
        {
            await Indicators.SaveAsync(input.AgreementId, measured, Samples.OnTrack, CancellationToken.None);
        }

        foreach (var measured in below ?? [])
        {
            await Indicators.SaveAsync(input.AgreementId, measured, Samples.Below, CancellationToken.None);
        }

        if (beforeStart is not null)
        {
            await beforeStart(input.AgreementId);
        }

        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementLifecycle), input, new StartOrchestrationOptions(input.AgreementId) { Version = version });
        return input.AgreementId;
    }

    /// <summary>The Danish date today in policy time of an agreement created now (its first policy day).</summary>
    public static DateOnly Today => DanishCalendar.DateOf(DateTime.UtcNow);

    public Task RaiseAsync<TEvent>(string instanceId, TEvent payload) =>
        Client.RaiseEventAsync(instanceId, WorkflowEvents.NameOf<TEvent>(), payload);

    /// <summary>Marks a stored agreement as financed: approved by the finance approver at <paramref name="approvedDkk"/> under <paramref name="instrument"/>.</summary>
    public Task FinancedAsync(string id, decimal approvedDkk, string? instrument = null) => Agreements.UpdateAsync(
        id,
        DateTimeOffset.UnixEpoch,
        agreement => agreement with { FinancingRoute = FinancingRoute.ApprovedByApprover, ApprovedDkk = approvedDkk, RequestedDkk = approvedDkk, InstrumentName = instrument },
        CancellationToken.None);

    public async Task<AgreementRecord> AgreementAsync(string id) =>
        (await Agreements.FindAsync(id, CancellationToken.None))!;

    /// <summary>Polls the read model until the agreement has <paramref name="status"/>.</summary>
    public async Task<AgreementRecord> WaitForStatusAsync(string id, AgreementStatus status) =>
        (await Eventually.WaitForAsync(() => Agreements.FindAsync(id, CancellationToken.None), agreement => agreement?.Status == status, $"{id} to be {status}"))!;

    /// <summary>Polls the timeline until it holds an entry of <paramref name="kind"/> (and <paramref name="detail"/>, if given).</summary>
    public Task<IReadOnlyList<TimelineEntry>> WaitForTimelineAsync(string id, TimelineKind kind, string? detail = null) =>
        Eventually.WaitForAsync(
            () => Timeline.ReadAsync(id, CancellationToken.None),
            entries => entries.Any(entry => entry.Kind == kind && (detail is null || entry.Detail == detail)),
            $"{kind} {detail} on the timeline of {id}");

    public async Task<IReadOnlyList<TimelineKind>> KindsAsync(string id) =>
        [.. (await Timeline.ReadAsync(id, CancellationToken.None)).Select(entry => entry.Kind)];

    /// <summary>Polls until the agreement has an escalation about <paramref name="subject"/> that satisfies <paramref name="condition"/>.</summary>
    public async Task<EscalationRecord> WaitForEscalationAsync(string id, string subject, Func<EscalationRecord, bool>? condition = null) =>
        (await Eventually.WaitForAsync(
            () => Escalations.FindAsync(EscalationIds.For(id, subject), CancellationToken.None),
            escalation => escalation is not null && (condition is null || condition(escalation)),
            $"the {subject} escalation of {id}"))!;

    /// <summary>Polls until the orchestration has finished (completed, failed or terminated).</summary>
    public async Task<OrchestrationMetadata> WaitForFinishAsync(string instanceId) =>
        (await Eventually.WaitForAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            instance => instance is { IsCompleted: true },
            $"{instanceId} to finish"))!;

    /// <summary>The checkpoint the running generation was started with (null for the first generation).</summary>
    public async Task<LifecycleCheckpoint?> CheckpointAsync(string id) =>
        (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadInputAs<AgreementLifecycleInput>()?.Resume;

    /// <summary>Polls until the running generation's checkpoint satisfies <paramref name="condition"/>.</summary>
    public async Task<LifecycleCheckpoint> WaitForCheckpointAsync(string id, Func<LifecycleCheckpoint, bool> condition, string what) =>
        (await Eventually.WaitForAsync(() => CheckpointAsync(id), checkpoint => checkpoint is not null && condition(checkpoint), what))!;

    /// <summary>The emails sent about the agreement of one kind (an email's id starts with its kind).</summary>
    public IReadOnlyList<EmailMessage> EmailsOf(string id, NotificationKind kind) =>
        [.. Emails.About(id).Where(email => email.Id.StartsWith(kind.ToString().ToLowerInvariant() + "-", StringComparison.Ordinal))];

    /// <summary>Polls until an email of <paramref name="kind"/> about the agreement satisfies <paramref name="condition"/>.</summary>
    public async Task<EmailMessage> WaitForEmailAsync(string id, NotificationKind kind, Func<EmailMessage, bool>? condition = null)
    {
        var emails = await Eventually.WaitForAsync(
            () => Task.FromResult(EmailsOf(id, kind)),
            sent => sent.Any(email => condition is null || condition(email)),
            $"a {kind} email about {id}");
        return emails.First(email => condition is null || condition(email));
    }

    public Task<IReadOnlyList<CaseTask>> OpenTasksAsync(string id) => Tasks.ListForAgreementAsync(id, CancellationToken.None);

    /// <summary>Polls the task board until the agreement's open tasks satisfy <paramref name="condition"/>.</summary>
    public Task<IReadOnlyList<CaseTask>> WaitForTasksAsync(string id, Func<IReadOnlyList<CaseTask>, bool> condition, string what) =>
        Eventually.WaitForAsync(() => OpenTasksAsync(id), condition, what);

    private static AgreementStatus StatusAt(LifecycleCheckpoint? resume) => resume?.Phase switch
    {
        null or LifecyclePhase.Start => AgreementStatus.AwaitingConsent,
        LifecyclePhase.Move => AgreementStatus.AwaitingMove,
        _ => AgreementStatus.Monitoring,
    };
}
