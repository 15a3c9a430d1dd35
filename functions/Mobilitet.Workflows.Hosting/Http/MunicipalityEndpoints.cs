using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>The municipalities a form may choose from, in Danish alphabetical order (for anyone signed in).</summary>
public sealed class MunicipalityEndpoints(CurrentUserReader users)
{
    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    public IResult List(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return users.Read(request.HttpContext) is null
            ? Problems.Unauthorized()
            : TypedResults.Ok(MunicipalityRegistry.All.OrderBy(municipality => municipality.Name, DanishOrder).ToList());
    }
}
