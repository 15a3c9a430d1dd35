using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Revision" (/revision?dato=ÅÅÅÅ-MM-DD, administrators): one Danish calendar day of the audit log, newest
/// first (<see cref="Queries.AuditQuery"/>), with a link to the same day as CSV.
/// </summary>
public sealed class AuditPageHandler(ListPages lists, Queries.AuditQuery audit, PageRenderer pages, TimeProvider time)
{
    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await lists.BeginAsync(context, Roles.Administrator, "Revisionsloggen kan kun ses af administratorer.");
        if (user is null)
        {
            return refusal!;
        }

        var errors = new ValidationErrors();
        var text = PageQuery.Value(context.Request, AuditPageModel.DayField, errors);
        var day = text is null ? DanishCalendar.DateOf(time.GetUtcNow().UtcDateTime) : errors.Date(AuditPageModel.DayField, text);
        if (!errors.IsEmpty || day is not { } shown)
        {
            var invalid = new AuditPageModel(null, text, [], new FieldErrors(errors.ToDictionary()));
            return PageResults.Html(await pages.RenderAsync<AuditPage, AuditPageModel>(invalid, frame!), StatusCodes.Status400BadRequest);
        }

        var entries = await audit.ReadDayAsync(shown, cancellationToken);
        var model = new AuditPageModel(shown, shown.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entries, FieldErrors.None);
        return PageResults.Html(await pages.RenderAsync<AuditPage, AuditPageModel>(model, frame!));
    }
}
