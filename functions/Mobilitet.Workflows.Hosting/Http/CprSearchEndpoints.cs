using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// POST /api/agreements/search {"cpr": "ddmmyy-xxxx"}: the agreements of a resident in the caller's municipalities, found
/// through the keyed hash of the CPR number (<see cref="CprSearchQuery"/>). A POST, so the number is never in an address.
/// 401 without a person, 415 unless JSON, 400 (Danish problem details) for an invalid number, 403 unless a caseworker.
/// </summary>
public sealed class CprSearchEndpoints(CurrentUserReader users, CprSearchQuery search)
{
    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (CprSearchQuery.SearchableMunicipalities(user).Count == 0)
        {
            return Problems.Forbidden(CprSearchQuery.NotAllowed);
        }

        if (!JsonBody.HasJsonContentType(request))
        {
            return Problems.UnsupportedMediaType();
        }

        var (body, errors) = await JsonBody.ReadAsync<CprSearchRequest>(request, cancellationToken);
        if (body is null)
        {
            return Problems.Validation(errors);
        }

        var found = await search.SearchAsync(user, body.Cpr, errors, cancellationToken);
        return found is null ? Problems.Validation(errors) : TypedResults.Ok(found.Select(agreement => agreement.ToSummary()).ToList());
    }
}
