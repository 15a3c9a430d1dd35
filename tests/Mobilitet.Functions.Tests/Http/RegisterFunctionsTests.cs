using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mobilitet.Functions.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
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

    public RegisterFunctionsTests()
    {
        index.Setup(i => i.ListAsync("0751", It.IsAny<CancellationToken>())).ReturnsAsync([new PersonKeyEntry(Keys.KeyOf(Cpr), AgreementId, "0751")]);
        index.Setup(i => i.ContainsAsync("0751", AgreementId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        imports.Setup(i => i.StartAsync(It.IsAny<RegisterImport>(), It.IsAny<CancellationToken>())).ReturnsAsync((RegisterImport import, CancellationToken _) => import);
    }

    private RegisterFunctions Functions()
    {
        var users = new CurrentUserReader(
            Options.Create(new IdentityOptions { HeaderSetByPlatform = true }),
            new DevelopmentSignIn(new EphemeralDataProtectionProvider(), Options.Create(new IdentityOptions())));
        var importer = new ExtractImporter(Keys, index.Object, rows.Object, imports.Object, archive.Object, TimeProvider.System, NullLogger<ExtractImporter>.Instance);
        return new(new RegisterEndpoints(users, importer));
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
    public async Task An_extract_from_the_monitoring_unit_is_imported_and_answered_with_the_report()
    {
        var context = Context(Extract(), "text/csv", Roles.Monitoring);

        var report = await ExecuteAsync(await Functions().UploadExtract(context.Request), context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(2, (int)report["rowsRead"]!);
        Assert.Equal(1, (int)report["rowsImported"]!);
        Assert.Equal(1, (int)report["rowsUnmatched"]!);
        Assert.Empty(report["errors"]!.AsArray());
        rows.Verify(r => r.SaveAsync(AgreementId, It.Is<IReadOnlyCollection<AmountRow>>(amounts => amounts.Count == 1), It.IsAny<IReadOnlyCollection<WeeklyRow>>(), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_caseworker_is_refused_with_403_and_nothing_is_read()
    {
        var context = Context(Extract(), "text/csv", Roles.Caseworker);

        var problem = await ExecuteAsync(await Functions().UploadExtract(context.Request), context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal("Adgang nægtet", (string?)problem["title"]);
        imports.VerifyNoOtherCalls();
        rows.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_body_that_is_not_csv_is_refused_with_415()
    {
        var context = Context("{}", "application/json", Roles.Administrator);

        var problem = await ExecuteAsync(await Functions().UploadExtract(context.Request), context);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, context.Response.StatusCode);
        Assert.Equal("Filen skal være CSV", (string?)problem["title"]);
        imports.VerifyNoOtherCalls();
    }
}
