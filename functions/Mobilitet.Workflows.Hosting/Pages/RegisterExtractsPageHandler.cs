using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// *Registerudtræk* (<see cref="UiRoutes.RegisterExtracts"/>), for the monitoring unit and administrators, for the
/// municipalities they hold — the same people the API lets upload. GET shows the upload form and the recent imports
/// they may see; POST reads one file from a multipart form (what a browser sends without JavaScript; antiforgery token
/// checked, at most <see cref="ExtractImporter.MaxBytes"/>), imports it through the one <see cref="ExtractImporter"/> and
/// redirects (303) to its report (<see cref="UiRoutes.RegisterExtractReport"/>), or shows the form again with why not:
/// no file (400), too large (413), nothing could be read (400, the report's messages). A refused upload imports
/// nothing. The file part's own content type is not checked: browsers send .csv files as text/csv, application/vnd.ms-excel
/// or application/octet-stream alike; the importer reads the bytes and refuses what is not an extract. As after an API
/// upload, agreements waiting for the data are woken at once (<see cref="RegisterDataWakeup"/>); if that fails, the
/// wake-up job's next run does it.
/// </summary>
public sealed class RegisterExtractsPageHandler(
    SignedInPages signedIn,
    PageFrames frames,
    PageRenderer pages,
    ExtractImporter importer,
    IRegisterImportLog imports,
    IExtractArchive archive,
    RegisterDataWakeup wakeup)
{
    /// <summary>How many recent imports the page lists (of those the person may see).</summary>
    public const int RecentShown = 20;

    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    private const string NotAllowed =
        "Registerudtræk indlæses af monitoreringsenheden og administratorer for de kommuner, de har adgang til.";

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, municipalities, refusal) = await BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return await FormPageAsync(user, frame!, municipalities!, FieldErrors.None, StatusCodes.Status200OK, cancellationToken);
    }

    public async Task<IResult> UploadAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        var (user, frame, municipalities, refusal) = await BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var (uploaded, refused) = await FileUpload.ReadAsync(context, frames, ExtractImporter.MaxBytes, cancellationToken);
        switch (refused)
        {
            case FileUpload.Refusal.NotMultipart:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.NotAForm, StatusCodes.Status415UnsupportedMediaType, retryPath: UiRoutes.PathOf(UiRoutes.RegisterExtracts));
            case FileUpload.Refusal.TooLarge:
                return await FileErrorAsync(user, frame!, municipalities!, DroppedExtractImporter.TooLarge, StatusCodes.Status413PayloadTooLarge, cancellationToken);
            case FileUpload.Refusal.FormExpired:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.FormExpired, StatusCodes.Status400BadRequest, retryPath: UiRoutes.PathOf(UiRoutes.RegisterExtracts));
        }

        var files = uploaded!.GetFiles(RegisterExtractsPageModel.FileField);
        if (files.Count != 1 || string.IsNullOrEmpty(files[0].FileName))
        {
            return await FileErrorAsync(user, frame!, municipalities!, files.Count > 1 ? OneFile : ChooseFile, StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (files[0].Length > ExtractImporter.MaxBytes)
        {
            return await FileErrorAsync(user, frame!, municipalities!, DroppedExtractImporter.TooLarge, StatusCodes.Status413PayloadTooLarge, cancellationToken);
        }

        var content = await FileUpload.ReadAllAsync(files[0], cancellationToken);
        var report = await importer.ImportAsync(content, new ExtractUploader(user.Id, user.HeldMunicipalities()), cancellationToken);
        await wakeup.WakeAfterImportAsync(client, report, cancellationToken);

        if (report.IsRefused)
        {
            return await FileErrorAsync(user, frame!, municipalities!, FileNotRead(report), StatusCodes.Status400BadRequest, cancellationToken);
        }

        return PageResults.SeeOther(UiRoutes.RegisterExtractReportPath(report.UploadId), Notice.RegisterExtractImported);
    }

    public async Task<IResult> ShowReportAsync(HttpContext context, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, _, refusal) = await BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        // Ids are 32 lowercase hex digits; anything else is no import, and one the person may not see is not revealed.
        if (importId is not { Length: 32 } || !importId.All(char.IsAsciiHexDigitLower)
            || await imports.FindAsync(importId, cancellationToken) is not { } import
            || !user.MaySeeRegisterImport(import.MunicipalityCodes)
            || await archive.FindReportAsync(importId, cancellationToken) is not { } report)
        {
            return await signedIn.ErrorAsync(context, user, ErrorPageKind.RegisterImportNotFound, StatusCodes.Status404NotFound, retryPath: UiRoutes.PathOf(UiRoutes.RegisterExtracts));
        }

        var page = await pages.RenderAsync<RegisterExtractReportPage, RegisterExtractReportPageModel>(new RegisterExtractReportPageModel(import, report), frame!);
        return PageResults.Html(page);
    }

    private const string ChooseFile = "Vælg en CSV-fil med registerudtrækket.";

    private const string OneFile = "Vælg én fil ad gangen.";

    /// <summary>Why nothing in the file could be read, from its report (messages quote nothing from the file).</summary>
    private static string FileNotRead(ExtractImportReport report) =>
        "Filen kunne ikke læses: " + string.Join(' ', report.Errors.Select(error => error.Message)) + " Intet er indlæst.";

    /// <returns>The user (one who may import, holding at least one of the 98 municipalities), the frame and those municipalities; or the refusal.</returns>
    private async Task<(CurrentUser? User, PageFrame? Frame, IReadOnlyList<string>? Municipalities, IResult? Refusal)> BeginAsync(HttpContext context)
    {
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return (null, null, null, refusal);
        }

        var municipalities = user.HeldMunicipalities().Order(StringComparer.Ordinal).ToList();
        return user.MayImportRegisterExtracts() && municipalities.Count > 0
            ? (user, frame, municipalities, null)
            : (null, null, null, await signedIn.ForbiddenAsync(context, user, NotAllowed));
    }

    private Task<IResult> FileErrorAsync(CurrentUser user, PageFrame frame, IReadOnlyList<string> municipalities, string message, int status, CancellationToken cancellationToken) =>
        FormPageAsync(user, frame, municipalities, new FieldErrors([new(RegisterExtractsPageModel.FileField, [message])]), status, cancellationToken);

    private async Task<IResult> FormPageAsync(CurrentUser user, PageFrame frame, IReadOnlyList<string> municipalities, FieldErrors errors, int status, CancellationToken cancellationToken)
    {
        var recent = (await imports.ListRecentAsync(10 * RecentShown, cancellationToken))
            .Where(import => user.MaySeeRegisterImport(import.MunicipalityCodes))
            .Take(RecentShown)
            .ToList();
        var names = municipalities
            .Select(code => $"{MunicipalityRegistry.NameOf(code)} ({code})")
            .Order(DanishOrder)
            .ToList();
        var page = await pages.RenderAsync<RegisterExtractsPage, RegisterExtractsPageModel>(new RegisterExtractsPageModel(names, recent, errors), frame);
        return PageResults.Html(page, status);
    }
}
