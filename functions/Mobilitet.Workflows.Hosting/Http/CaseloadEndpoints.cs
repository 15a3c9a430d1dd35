using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The caseload import, written once for both hosts: <c>POST /api/agreements/bulk</c> with the file as a
/// <c>text/csv</c> body (<see cref="CaseloadFile"/>), imported by <see cref="CaseloadImports"/> as a background job.
/// Checks in order: 401 nobody signed in; 403 neither a caseworker nor an administrator, or no municipality held; 415
/// not text/csv (UTF-8); 413 over <see cref="MaxBytes"/>; 400 with the report as the problem's "report" when nothing
/// could be read (an empty file, a wrong header). Then the request waits up to <see cref="ReportWait"/> for the job:
/// 200 with the report when it has finished — also when rows were rejected (they are in the report, the good rows are
/// created) — or 202 with the progress so far and <c>Location</c> to <c>GET /api/agreements/bulk/{importId}</c>, which
/// answers the same report (for the person who started the import; 404 for anyone else).
/// </summary>
public sealed class CaseloadEndpoints(CurrentUserReader users, CaseloadImports imports)
{
    /// <summary>10 MB: some 30 000 agreements; below Kestrel's default request limit, so the refusal is ours and Danish.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(20);

    public async Task<IResult> ImportAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (Refusal(user) is { } refusal)
        {
            return Problems.Forbidden(refusal + " Intet er indlæst.");
        }

        if (!CsvBody.HasCsvContentType(request))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Filen skal være CSV",
                detail: "Filen skal sendes som CSV i UTF-8 med Content-Type: text/csv. Intet er indlæst.");
        }

        if (await CsvBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } content)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Filen er for stor",
                detail: TooLarge);
        }

        var (import, refused) = await imports.StartAsync(client, user, content, cancellationToken);
        if (import is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Filen kunne ikke læses",
                detail: string.Join(' ', refused!.Errors.Select(error => error.Message)) + " Intet er indlæst.",
                extensions: new Dictionary<string, object?> { ["report"] = refused });
        }

        await CaseloadImports.WaitAsync(client, import, ReportWait, cancellationToken);
        var report = await imports.ReadAsync(user, import.ImportId, cancellationToken);
        return report!.Completed
            ? TypedResults.Ok(report)
            : TypedResults.Accepted(ApiRoutes.CaseloadImportPath(import.ImportId), report);
    }

    public async Task<IResult> GetAsync(HttpRequest request, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        return await imports.ReadAsync(user, importId, cancellationToken) is { } report
            ? TypedResults.Ok(report)
            : Problems.NotFound();
    }

    /// <summary>Why the person may not import a caseload at all (null: they may, for the municipalities they hold).</summary>
    public static string? Refusal(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.MayImportCaseload())
        {
            return AgreementCommands.CaseloadRoleRequired;
        }

        return user.Municipalities.Any(user.MayImportCaseloadFor)
            ? null
            : "Aftaler indlæses for de kommuner, du arbejder for, og du arbejder ikke for nogen.";
    }

    public static string TooLarge { get; } =
        $"Filen må højst fylde {(MaxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB. Del den op, og indlæs delene hver for sig. Intet er indlæst.";
}
