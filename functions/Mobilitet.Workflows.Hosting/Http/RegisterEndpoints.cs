using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The register-extract upload, written once for both hosts: <c>POST /api/registers/extracts</c> with the file as a
/// <c>text/csv</c> body, imported by <see cref="ExtractImporter"/> for the municipalities the uploader holds. Checks
/// in order: 401 nobody signed in; 403 neither the monitoring unit nor an administrator, or no municipality held; 415
/// not text/csv (UTF-8); 413 over <see cref="MaxBytes"/>. Then 200 with the import report — also when some lines had
/// errors (they are in the report, the good lines are imported) — or 400 with the report as the problem's "report"
/// when nothing could be read (an empty file, an unknown header). The same file again answers the same report.
/// Agreements waiting for data the file brings are woken at once (<see cref="RegisterDataWakeup"/>); if that fails,
/// the upload still succeeded and the wake-up job's next run does it.
/// </summary>
public sealed class RegisterEndpoints(CurrentUserReader users, ExtractImporter importer, RegisterDataWakeup wakeup)
{
    /// <summary>25 MB, as for every way in (<see cref="ExtractImporter.MaxBytes"/>): below Kestrel's default request limit (about 28.6 MB), so the refusal is ours and Danish.</summary>
    public const int MaxBytes = ExtractImporter.MaxBytes;

    public async Task<IResult> UploadExtractAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (!user.MayImportRegisterExtracts())
        {
            return Problems.Forbidden(
                $"Kun {Roles.DanishName(Roles.Monitoring).ToLower(Notifications.DanishFormat.Culture)} og administratorer kan indlæse registerudtræk. Intet er indlæst.");
        }

        var municipalities = user.HeldMunicipalities();
        if (municipalities.Count == 0)
        {
            return Problems.Forbidden("Et registerudtræk indlæses for de kommuner, du har adgang til, og du har ikke adgang til nogen. Intet er indlæst.");
        }

        if (!CsvBody.HasCsvContentType(request))
        {
            return Problems.NotCsv();
        }

        if (await CsvBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } content)
        {
            return Problems.ExtractTooLarge(MaxBytes);
        }

        var report = await importer.ImportAsync(content, new ExtractUploader(user.Id, municipalities), cancellationToken);
        await wakeup.WakeAfterImportAsync(client, report, cancellationToken);
        return report.IsRefused ? Problems.ExtractRefused(report) : TypedResults.Ok(report);
    }
}
