using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mobilitet.Functions.Http;
using Mobilitet.Workflows.Agreements;
using Microsoft.AspNetCore.DataProtection;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;
using Mobilitet.Workflows.Hosting.Queries;
using Moq;

namespace Mobilitet.Functions.Tests.Http;

/// <summary>The HTTP triggers are thin: they hand the request and the durable client to the shared handler.</summary>
public sealed class AgreementFunctionsTests
{
    private readonly Mock<IAgreementRepository> agreements = new();
    private readonly Mock<IPersonalDataVault> vault = new();
    private readonly Mock<ITimeline> timeline = new();
    private readonly Mock<DurableTaskClient> client = new("test") { CallBase = true };

    private readonly Mock<IDecisionLog> decisions = new();

    private AgreementFunctions Functions()
    {
        var gate = new WorkflowGate(
            new WorkflowFailureRecorder(agreements.Object, timeline.Object, NullLogger<WorkflowFailureRecorder>.Instance),
            TimeProvider.System,
            NullLogger<WorkflowGate>.Instance);
        var commands = new AgreementCommands(
            agreements.Object,
            vault.Object,
            Mock.Of<IPersonKeyIndex>(),
            Mock.Of<IRegisterRowStore>(),
            new PersonKeys(new byte[PersonKeys.MinimumKeyBytes]),
            timeline.Object,
            Mock.Of<IIndicatorStore>(),
            new DecisionDesk(decisions.Object, Mock.Of<IAuditLog>(), gate, NullLogger<DecisionDesk>.Instance),
            Mock.Of<IAuditLog>(),
            gate,
            Options.Create(new LifecycleOptions { DayLength = TimeSpan.FromMinutes(1) }),
            Options.Create(new Mobilitet.Workflows.Financing.FinancingOptions()),
            TimeProvider.System,
            NullLogger<AgreementCommands>.Instance);
        var users = new CurrentUserReader(
            Options.Create(new IdentityOptions { HeaderSetByPlatform = true }),
            new DevelopmentSignIn(new EphemeralDataProtectionProvider(), Options.Create(new IdentityOptions())));
        var endpoints = new AgreementEndpoints(
            commands, new JsonCommand(users), users, agreements.Object, Mock.Of<IAgreementList>(), timeline.Object, Mock.Of<IMeasurementRepository>(),
            Mock.Of<IEscalationRepository>(), new PersonalDataQuery(vault.Object, Mock.Of<IEscalationRepository>(), Mock.Of<IAuditLog>(), TimeProvider.System));
        var search = new CprSearchEndpoints(users, new CprSearchQuery(Mock.Of<IPersonKeyIndex>(), new PersonKeys(new byte[PersonKeys.MinimumKeyBytes]), agreements.Object, Mock.Of<IAuditLog>(), TimeProvider.System));
        return new(endpoints, new MunicipalityEndpoints(users), new AuditEndpoints(users, new AuditQuery(Mock.Of<IAuditLog>()), TimeProvider.System), search);
    }

    private static DefaultHttpContext Context(string json)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiJson.ConfigureResponses(options.SerializerOptions));
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Write("caseworker-1", "Sagsbehandler", [Roles.Caseworker], ["0101"]);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<string> ExecuteAsync(IActionResult result, HttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    private static string ValidForm() => $$"""
        {"municipalityCode":"0101","housingAssociation":"fsb","direction":"in","fromArea":"Tingbjerg",
         "resident":{"cpr":"0101901234","name":"A"},"caseworker":{"name":"B","email":"b@kommune.example.dk"},
         "supervisors":["s@example.dk"],"baseline":{"selfSufficiencyRate":0.5,"resourceDrawDkk":100000,"taxPaidDkk":50000},
         "financing":{"requestedDkk":10000,"purpose":"Flytning"},"plannedMoveDate":"{{DateTime.UtcNow.AddDays(30):yyyy-MM-dd}}"}
        """;

    [Fact]
    public async Task Create_stores_the_agreement_then_starts_its_orchestration_under_the_agreement_id()
    {
        AgreementLifecycleInput? started = null;
        StartOrchestrationOptions? options = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? o, CancellationToken _) =>
            {
                Assert.Equal(nameof(AgreementLifecycle), name.Name);
                started = (AgreementLifecycleInput)input!;
                options = o;
            })
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        var context = Context(ValidForm());

        var result = await Functions().Create(context.Request, client.Object);
        var body = await ExecuteAsync(result, context);

        Assert.Equal(StatusCodes.Status201Created, context.Response.StatusCode);
        Assert.NotNull(started);
        Assert.Equal(started!.AgreementId, options!.InstanceId);
        Assert.Equal($"/api/agreements/{started.AgreementId}", context.Response.Headers.Location.ToString());
        Assert.Contains($"\"agreementId\":\"{started.AgreementId}\"", body, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), started.DayLength);
        Assert.Equal(1, started.SupervisorLevels);
        vault.Verify(v => v.SaveAsync(started.AgreementId, It.Is<AgreementPersonalData>(p => p.Resident.Cpr == "0101901234"), It.IsAny<CancellationToken>()));
        agreements.Verify(a => a.AddAsync(It.Is<AgreementRecord>(r => r.AgreementId == started.AgreementId && r.Status == AgreementStatus.AwaitingConsent), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Create_with_an_invalid_form_answers_400_and_touches_nothing()
    {
        var context = Context("""{"municipalityCode":"9999"}""");

        var body = await ExecuteAsync(await Functions().Create(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Contains("Kommunekoden findes ikke.", body, StringComparison.Ordinal);
        agreements.VerifyNoOtherCalls();
        vault.VerifyNoOtherCalls();
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task When_the_orchestration_cannot_start_the_stored_agreement_is_removed_and_503_is_answered()
    {
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("engine down"));
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        var context = Context(ValidForm());

        await ExecuteAsync(await Functions().Create(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        agreements.Verify(a => a.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()));
        vault.Verify(v => v.EraseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task When_the_start_failed_only_on_the_way_back_the_agreement_stands()
    {
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("no answer"));
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => new OrchestrationMetadata(nameof(AgreementLifecycle), id));
        var context = Context(ValidForm());

        await ExecuteAsync(await Functions().Create(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status201Created, context.Response.StatusCode);
        agreements.Verify(a => a.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        vault.Verify(v => v.EraseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Consent_raises_the_event_named_after_its_type_on_the_agreement_instance()
    {
        const string id = "fa-0123456789abcdef0123";
        agreements.Setup(a => a.FindAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new AgreementRecord
        {
            AgreementId = id, MunicipalityCode = "0101", HousingAssociation = "fsb", Direction = MoveDirection.In, FromArea = "Tingbjerg",
            PlannedMoveDate = new DateOnly(2030, 1, 1), PolicyName = "standard-v1", Status = AgreementStatus.AwaitingConsent,
            CreatedAt = DateTimeOffset.UtcNow, LastChangedAt = DateTimeOffset.UnixEpoch, DayLength = TimeSpan.FromDays(1),
            Baseline = new IndicatorValues(0.5m, 1m, 1m), RequestedDkk = 1m, SupervisorLevels = 1,
        });
        client.Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(AgreementLifecycle), id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        decisions.Setup(d => d.ClaimAsync(It.IsAny<Decision>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Decision decision, CancellationToken _) => (decision, true));
        var context = Context("""{"decision":"given"}""");

        await ExecuteAsync(await Functions().Consent(context.Request, client.Object, id), context);

        Assert.Equal(StatusCodes.Status202Accepted, context.Response.StatusCode);
        client.Verify(c => c.RaiseEventAsync(id, nameof(ConsentDecided), It.Is<ConsentDecided>(e => e.Given && e.Actor == Actors.Caseworker), It.IsAny<CancellationToken>()));
        decisions.Verify(d => d.MarkDeliveredAsync(It.Is<Decision>(x => x.AgreementId == id && x.Subject == DecisionSubjects.Consent), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task An_approval_above_the_instruments_cap_is_refused_in_danish_and_nothing_is_raised()
    {
        // Stored before the cap (requested above it): the approver may not approve more than the instrument allows.
        const string id = "fa-0123456789abcdef0124";
        agreements.Setup(a => a.FindAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new AgreementRecord
        {
            AgreementId = id, MunicipalityCode = "0101", HousingAssociation = "fsb", Direction = MoveDirection.In, FromArea = "Tingbjerg",
            PlannedMoveDate = new DateOnly(2030, 1, 1), PolicyName = "standard-v1", Status = AgreementStatus.AwaitingFinancing,
            CreatedAt = DateTimeOffset.UtcNow, LastChangedAt = DateTimeOffset.UnixEpoch, DayLength = TimeSpan.FromDays(1),
            Baseline = new IndicatorValues(0.5m, 1m, 1m), RequestedDkk = 80_000m, InstrumentName = "municipal-fund-v2", SupervisorLevels = 1,
        });
        var context = Context("""{"decision":"approved","approvedDkk":70000}""");
        context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Write("approver-1", "Bevillingsansvarlig", [Roles.FinanceApprover], ["0101"]);

        var body = await ExecuteAsync(await Functions().Financing(context.Request, client.Object, id), context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Contains("loft på 60.000 kr.", body, StringComparison.Ordinal);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
        decisions.Verify(d => d.ClaimAsync(It.IsAny<Decision>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
