using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>The municipalities a form may choose from, in Danish alphabetical order.</summary>
public static class MunicipalityEndpoints
{
    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    public static IResult List() =>
        TypedResults.Ok(MunicipalityRegistry.All.OrderBy(municipality => municipality.Name, DanishOrder).ToList());
}
