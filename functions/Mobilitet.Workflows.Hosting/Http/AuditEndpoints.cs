using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>GET /api/audit?date=yyyy-MM-dd: one day of the audit log, newest first, for administrators.</summary>
public sealed class AuditEndpoints(CurrentUserReader users, IAuditLog audit, TimeProvider time)
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
        var day = request.Query.TryGetValue("date", out var date) && !string.IsNullOrEmpty(date)
            ? errors.Date("date", date)
            : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return errors.IsEmpty ? TypedResults.Ok(await audit.ListAsync(day!.Value, cancellationToken)) : Problems.Validation(errors);
    }
}
