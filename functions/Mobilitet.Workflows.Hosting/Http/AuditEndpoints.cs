using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// GET /api/audit?date=yyyy-MM-dd[&amp;format=csv]: one Danish day of the audit log, newest first, for administrators, as
/// JSON or as a CSV file to download. There is no way to change or delete an entry: this is the log's only endpoint.
/// </summary>
public sealed class AuditEndpoints(CurrentUserReader users, AuditQuery audit, TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (!user.IsIn(Roles.Administrator))
        {
            return Problems.Forbidden("Revisionsloggen kan kun ses af administratorer.");
        }

        var errors = new ValidationErrors();
        var date = Pages.PageQuery.Value(request, "date", errors);
        var day = date is null ? DanishCalendar.DateOf(time.GetUtcNow().UtcDateTime) : errors.Date("date", date);
        var csv = CsvDownload.AsksForCsv(request, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var entries = await audit.ReadDayAsync(day!.Value, cancellationToken);
        return csv
            ? CsvDownload.File($"revision-{day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv", AuditQuery.CsvHeader, AuditQuery.CsvRows(entries))
            : TypedResults.Ok(entries);
    }
}
