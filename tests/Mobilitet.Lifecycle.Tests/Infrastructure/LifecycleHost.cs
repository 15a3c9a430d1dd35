using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Local;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// The whole system in-process: the local host's services and HTTP API, on the real Durable Task
/// engine (the gRPC sidecar over the in-memory orchestration service), with the real storage
/// adapters on Azurite and email through the SendGrid client to a local SendGrid endpoint.
/// Each test class gets its own host, tables and day length.
/// </summary>
public abstract class LifecycleHost : AgreementApi, IAsyncLifetime
{
    private WebApplication? app;

    /// <summary>How long one policy day lasts in this host.</summary>
    protected abstract override TimeSpan DayLength { get; }

    /// <summary>Links:PublicBaseUrl; null leaves it unset, so links point where the host listens.</summary>
    protected virtual string? PublicBaseUrl => "http://mobilitet.test";

    /// <summary>More services for a host variant (after the test's own).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>More configuration for a host variant (applied last).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public FakeSendGridServer SendGrid { get; } = new("SG.test-key");

    public IServiceProvider Services => app!.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public CapturedLogs Logs { get; } = new();

    /// <summary>Everything the workflow handed to the engine (inputs, outputs, events, custom status).</summary>
    public RecordingDataConverter EnginePayloads { get; } = new();

    public async Task InitializeAsync()
    {
        TestPolicies.Register();
        var azurite = await AzuriteFixture.GetSharedAsync();
        await SendGrid.StartAsync();
        app = LocalApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(Logs);
            builder.Services.Configure<DurableTaskWorkerOptions>(options => options.DataConverter = EnginePayloads);
            builder.Services.Configure<DurableTaskClientOptions>(options => options.DataConverter = EnginePayloads);
            ConfigureServices(builder.Services);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engine:Provider"] = "InMemory",
                ["Logging:LogLevel:Default"] = "Debug", // over the local host's quiet default: the tests read every line
                ["Telemetry:Console"] = "false", // on in the local host's appsettings.json for a developer; tests keep their output small
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
                ["SendGrid:ApiKey"] = "SG.test-key",
                ["SendGrid:Host"] = SendGrid.BaseUrl.ToString(),
                ["Registers:PersonKeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Notifications:FinanceApproverEmail"] = "finansiering@mobilitet.example.dk",
                ["Lifecycle:DayLength"] = DayLength.ToString("c", System.Globalization.CultureInfo.InvariantCulture),

                // The host's scheduled retention job (at start, then every five minutes) must not race a test's own run of
                // it on agreements stored as ended years ago: tests run the job themselves, with the period they test.
                ["Retention:PersonalData"] = TimeSpan.FromDays(100 * 365).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            });
            if (PublicBaseUrl is not null)
            {
                builder.Configuration["Links:PublicBaseUrl"] = PublicBaseUrl;
            }

            builder.Configuration.AddInMemoryCollection(Settings);
        });
        await app.StartAsync();
        Api = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) }.SignedInAs(TestIdentities.Everything);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await SendGrid.DisposeAsync();
    }

    /// <summary>The personal data of <see cref="AgreementForms.Valid"/>: CPR (both spellings), names, email addresses, phone number, financing purpose.</summary>
    public static IReadOnlyList<string> PersonalValues { get; } =
    [
        AgreementForms.ResidentCpr, "010190-1234", AgreementForms.ResidentName, AgreementForms.ResidentEmail,
        AgreementForms.CaseworkerName, AgreementForms.CaseworkerEmail, AgreementForms.Supervisor1, AgreementForms.Supervisor2,
        "12345678", "12 34 56 78", "Indskud og flytning",
    ];

    /// <summary>CPR, names, email addresses and phone numbers never reach the engine (inputs, outputs, events, custom status, ids) or the logs.</summary>
    public void AssertNoPersonalDataReachedTheEngineOrLogs(string id)
    {
        var engineView = string.Join('\n', EnginePayloads.Payloads);
        var logs = string.Join('\n', Logs.Lines);
        Assert.Contains(id, engineView);
        Assert.Contains(id, logs);

        foreach (var personal in PersonalValues)
        {
            Assert.DoesNotContain(personal, engineView, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(personal, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Stores an agreement (read model and personal data) as the API would, but starts no orchestration:
    /// what a crash after storing leaves, or (with <paramref name="change"/>) data the API would refuse today.
    /// By default it waits for consent, at a real day (so no timer of its own can fire if a test starts it), with one supervisor.
    /// </summary>
    public async Task<string> StoreWithoutOrchestrationAsync(Func<AgreementRecord, AgreementRecord>? change = null)
    {
        var id = AgreementIds.New();
        await Services.GetRequiredService<IPersonalDataVault>().SaveAsync(
            id,
            new AgreementPersonalData(new Resident("0101901234", AgreementForms.ResidentName, AgreementForms.ResidentEmail, null), new Caseworker(AgreementForms.CaseworkerName, AgreementForms.CaseworkerEmail), [AgreementForms.Supervisor1], "Indskud"),
            CancellationToken.None);
        var agreement = new AgreementRecord
        {
            AgreementId = id,
            MunicipalityCode = "0751",
            HousingAssociation = "Brabrand Boligforening",
            Direction = MoveDirection.Out,
            FromArea = "Gellerupparken",
            PlannedMoveDate = AgreementForms.Today.AddDays(30),
            PolicyName = "standard-v1",
            Status = AgreementStatus.AwaitingConsent,
            CreatedAt = DateTimeOffset.UtcNow,
            LastChangedAt = DateTimeOffset.UnixEpoch,
            DayLength = TimeSpan.FromDays(1),
            Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
            RequestedDkk = 20_000m,
            SupervisorLevels = 1,
        };
        await Services.GetRequiredService<IAgreementRepository>().AddAsync(change is null ? agreement : change(agreement), CancellationToken.None);
        return id;
    }

    /// <summary>
    /// Starts an escalation of the agreement about <paramref name="milestone"/>'s breach, at the current version, as its
    /// lifecycle's StartEscalation activity does, on a day of an hour (its timers cannot fire in a test), and waits until it is open.
    /// </summary>
    public async Task<string> StartEscalationAsync(string agreementId, Milestone milestone)
    {
        var subject = milestone.ToString().ToLowerInvariant();
        var escalationId = Mobilitet.Workflows.Escalations.EscalationIds.For(agreementId, subject);
        var input = new Mobilitet.Workflows.Workflow.EscalationInput(
            escalationId,
            agreementId,
            Mobilitet.Workflows.Escalations.EscalationReason.IndicatorBelowThreshold,
            subject,
            milestone,
            Levels: 1,
            Mobilitet.Workflows.Policies.PolicyCatalog.StandardV1.Escalation.DaysPerLevel,
            new Mobilitet.Workflows.Policies.PolicyClock(DateTime.UtcNow, TimeSpan.FromHours(1)),
            Mobilitet.Workflows.Policies.PolicyCatalog.StandardV1.Decisions);
        await Durable.ScheduleNewOrchestrationInstanceAsync(nameof(Mobilitet.Workflows.Workflow.EscalationWorkflow), input, new Microsoft.DurableTask.StartOrchestrationOptions(escalationId) { Version = Mobilitet.Workflows.Workflow.WorkflowVersions.Current });
        await Eventually.WaitForAsync(
            () => Services.GetRequiredService<Mobilitet.Workflows.Escalations.IEscalationRepository>().FindAsync(escalationId, CancellationToken.None),
            escalation => escalation?.Status == Mobilitet.Workflows.Escalations.EscalationStatus.Open,
            "the escalation to open");
        return escalationId;
    }

    /// <summary>Stores an agreement as <see cref="StoreWithoutOrchestrationAsync"/> does and starts its workflow, as the API would.</summary>
    public async Task<string> StartStoredAsync(Func<AgreementRecord, AgreementRecord>? change = null)
    {
        var id = await StoreWithoutOrchestrationAsync(change);
        var stored = await Services.GetRequiredService<IAgreementRepository>().FindAsync(id, CancellationToken.None);
        await AgreementStarter.StartAsync(Durable, stored!, CancellationToken.None);
        return id;
    }

    /// <summary>Emails sent about one agreement (the SendGrid custom argument carries its id).</summary>
    public IReadOnlyList<SentEmail> EmailsAbout(string agreementId) => SendGrid.EmailsAbout(agreementId);

    public Task<IReadOnlyList<SentEmail>> WaitForEmailsAsync(string agreementId, Func<IReadOnlyList<SentEmail>, bool> condition, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(EmailsAbout(agreementId)), condition, what);
}
