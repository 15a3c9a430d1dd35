using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// *Indlæs aftaler* (<see cref="UiRoutes.CaseloadImport"/>), for caseworkers and administrators: GET shows the upload
/// form; POST (multipart, with the antiforgery token) starts the import — the same <see cref="CaseloadImports"/> the
/// JSON API uses — and redirects (303) to its page (<see cref="UiRoutes.CaseloadImportStatus"/>), which shows a
/// progress bar and reloads itself (a <c>Refresh</c> header: no script) until the report is there. A file that cannot
/// be read at all is sent back with the reason next to the file field.
/// </summary>
public sealed class CaseloadImportPageHandler(CaseloadImports imports, SignedInPages signedIn, PageRenderer pages, PageFrames frames)
{
    private static readonly CaseloadImportPageModel Form = new(CaseloadFile.Header, CaseloadEndpoints.MaxBytes / (1024 * 1024));

    public async Task<IResult> ShowAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return CaseloadEndpoints.Refusal(user) is { } notAllowed
            ? await signedIn.ForbiddenAsync(context, user, notAllowed)
            : await PageAsync(Form, frame!, StatusCodes.Status200OK);
    }

    public async Task<IResult> ImportAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (CaseloadEndpoints.Refusal(user) is { } notAllowed)
        {
            return await signedIn.ForbiddenAsync(context, user, notAllowed);
        }

        var (uploaded, refused) = await FileUpload.ReadAsync(context, frames, CaseloadEndpoints.MaxBytes, cancellationToken);
        switch (refused)
        {
            case FileUpload.Refusal.NotMultipart:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.NotAForm, StatusCodes.Status415UnsupportedMediaType, retryPath: UiRoutes.PathOf(UiRoutes.CaseloadImport));
            case FileUpload.Refusal.TooLarge:
                return await FileErrorAsync(frame!, CaseloadEndpoints.TooLarge, StatusCodes.Status413PayloadTooLarge);
            case FileUpload.Refusal.FormExpired:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.FormExpired, StatusCodes.Status400BadRequest, retryPath: UiRoutes.PathOf(UiRoutes.CaseloadImport));
        }

        if (uploaded!.GetFile(CaseloadImportPageModel.FileField) is not { Length: > 0 } file)
        {
            return await FileErrorAsync(frame!, "Vælg en CSV-fil.", StatusCodes.Status400BadRequest);
        }

        if (file.Length > CaseloadEndpoints.MaxBytes)
        {
            return await FileErrorAsync(frame!, CaseloadEndpoints.TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        var (import, notRead) = await imports.StartAsync(client, user, await FileUpload.ReadAllAsync(file, cancellationToken), cancellationToken);
        return import is null
            ? await FileErrorAsync(frame!, string.Join(' ', notRead!.Errors.Select(error => error.Message)) + " Intet er indlæst.", StatusCodes.Status400BadRequest)
            : PageResults.SeeOther(UiRoutes.CaseloadImportStatusPath(import.ImportId));
    }

    public async Task<IResult> StatusAsync(HttpContext context, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (await imports.ReadAsync(user, importId, cancellationToken) is not { } report)
        {
            return await signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status404NotFound);
        }

        if (!report.Completed)
        {
            // The page polls itself: browsers reload on a Refresh header as on <meta http-equiv="refresh">, without a script.
            context.Response.Headers["Refresh"] = CaseloadImportStatusPageModel.RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return PageResults.Html(await pages.RenderAsync<CaseloadImportStatusPage, CaseloadImportStatusPageModel>(new CaseloadImportStatusPageModel(report), frame!));
    }

    private Task<IResult> FileErrorAsync(PageFrame frame, string message, int status) =>
        PageAsync(Form with { Errors = new FieldErrors([KeyValuePair.Create(CaseloadImportPageModel.FileField, new[] { message })]) }, frame, status);

    private async Task<IResult> PageAsync(CaseloadImportPageModel model, PageFrame frame, int status) =>
        PageResults.Html(await pages.RenderAsync<CaseloadImportPage, CaseloadImportPageModel>(model, frame), status);
}
