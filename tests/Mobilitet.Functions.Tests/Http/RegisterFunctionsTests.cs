using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mobilitet.Functions.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Workflow.Events;
using Moq;

namespace Mobilitet.Functions.Tests.Http;

/// <summary>The register-extract trigger is thin: it hands the request to the shared handler, which answers as in the local host.</summary>
public sealed class RegisterFunctionsTests
{
    private const string Cpr = "0102901234";
    private const string AgreementId = "fa-0123456789abcdef0123";

    private static readonly PersonKeys Keys = new(new byte[PersonKeys.MinimumKeyBytes]);

    private readonly Mock<IPersonKeyIndex> index = new();
    private readonly Mock<IRegisterRowStore> rows = new();
    private readonly Mock<IRegisterImportLog> imports = new();
    private readonly Mock<IExtractArchive> archive = new();
    private readonly Mock<IAgreementRepository> agreements = new();
    private readonly Mock<ITaskBoard> tasks = new();
    private readonly Mock<IIndicatorSource> indicators = new();
    private readonly Mock<DurableTaskClient> client = new("test");

    public RegisterFunctionsTests()
    {
        index.Setup(i => i.ListAsync("0751", It.IsAny<CancellationToken>())).ReturnsAsync([new PersonKeyEntry(Keys.KeyOf(Cpr), AgreementId, "0751")]);
        index.Setup(i => i.ContainsAsync("0751", AgreementId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        imports.Setup(i => i.StartAsync(It.IsAny<RegisterImport>(), It.IsAny<CancellationToken>())).ReturnsAsync((RegisterImport import, CancellationToken _) => import);

        // The agreement waits for its M3 data, which the register rows now cover.
        var agreement = new AgreementRecord
        {
            AgreementId = AgreementId, MunicipalityCode = "0751", HousingAssociation = "brabrand", Direction = MoveDirection.Out, FromArea = "Gellerupparken",
            PlannedMoveDate = new DateOnly(2026, 10, 1), MovedOn = new DateOnly(2026, 10, 1), PolicyName = "standard-v1", Status = AgreementStatus.Monitoring,
            CreatedAt = DateTimeOffset.UtcNow, LastChangedAt = DateTimeOffset.UnixEpoch, DayLength = TimeSpan.FromDays(1),
            Baseline = new IndicatorValues(0.5m, 1m, 1m), RequestedDkk = 1m, SupervisorLevels = 1,
        };
        agreements.Setup(a => a.FindAsync(AgreementId, It.IsAny<CancellationToken>())).ReturnsAsync(agreement);
        tasks.Setup(t => t.ListForAgreementAsync(AgreementId, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new CaseTask
            {
                AgreementId = AgreementId, MunicipalityCode = "0751", Kind = TaskKind.MeasurementDataMissing, Role = Roles.Caseworker,
                DueAt = DateTimeOffset.UtcNow, DueDate = new DateOnly(2027, 1, 15), OpenedAt = DateTimeOffset.UtcNow, Milestone = Milestone.M3,
            },
        ]);
        indicators.Setup(i => i.FindAsync(agreement, Milestone.M3, It.IsAny<CancellationToken>())).ReturnsAsync(new SourcedIndicators(
            new IndicatorValues(0.6m, 1m, 1m),
            new IndicatorProvenance { Origin = IndicatorOrigin.Register, WindowStart = new DateOnly(2026, 10, 1), WindowEnd = new DateOnly(2027, 1, 1) }));
    }

    private RegisterFunctions Functions()
    {
        var users = new CurrentUserReader(
            Options.Create(new IdentityOptions { HeaderSetByPlatform = true }),
            new DevelopmentSignIn(new EphemeralDataProtectionProvider(), Options.Create(new IdentityOptions())));
        var importer = new ExtractImporter(Keys, index.Object, rows.Object, imports.Object, archive.Object, TimeProvider.System, NullLogger<ExtractImporter>.Instance);
        var wakeup = new RegisterDataWakeup(agreements.Object, tasks.Object, indicators.Object, NullLogger<RegisterDataWakeup>.Instance);
        return new(new RegisterEndpoints(users, importer, wakeup));
    }

    private static DefaultHttpContext Context(string body, string contentType, string role)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiJson.ConfigureResponses(options.SerializerOptions));
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = contentType;
        context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Write("person-1", "Person", [role], ["0751"]);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<JsonNode> ExecuteAsync(IActionResult result, HttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        return JsonNode.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync())!;
    }

    private static string Extract() =>
        ExtractParser.AmountsHeader + "\n" + Cpr + ";2027-01-01;2027-01-31;0;4,43;0;0;10000\n3112994321;2027-01-01;2027-01-31;0;4,43;0;0;100\n";

    [Fact]
    public async Task An_extract_from_the_monitoring_unit_is_imported_answered_with_the_report_and_wakes_the_waiting_workflow()
    {
        var context = Context(Extract(), "text/csv", Roles.Monitoring);

        var report = await ExecuteAsync(await Functions().UploadExtract(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(2, (int)report["rowsRead"]!);
        Assert.Equal(1, (int)report["rowsImported"]!);
        Assert.Equal(1, (int)report["rowsUnmatched"]!);
        Assert.Empty(report["errors"]!.AsArray());
        rows.Verify(r => r.SaveAsync(AgreementId, It.Is<IReadOnlyCollection<AmountRow>>(amounts => amounts.Count == 1), It.IsAny<IReadOnlyCollection<WeeklyRow>>(), It.IsAny<CancellationToken>()));
        client.Verify(c => c.RaiseEventAsync(AgreementId, nameof(MeasurementRecorded), new MeasurementRecorded(Milestone.M3), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_caseworker_is_refused_with_403_and_nothing_is_read()
    {
        var context = Context(Extract(), "text/csv", Roles.Caseworker);

        var problem = await ExecuteAsync(await Functions().UploadExtract(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal("Adgang nægtet", (string?)problem["title"]);
        imports.VerifyNoOtherCalls();
        rows.VerifyNoOtherCalls();
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_body_that_is_not_csv_is_refused_with_415()
    {
        var context = Context("{}", "application/json", Roles.Administrator);

        var problem = await ExecuteAsync(await Functions().UploadExtract(context.Request, client.Object), context);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, context.Response.StatusCode);
        Assert.Equal("Filen skal være CSV", (string?)problem["title"]);
        imports.VerifyNoOtherCalls();
    }
}
