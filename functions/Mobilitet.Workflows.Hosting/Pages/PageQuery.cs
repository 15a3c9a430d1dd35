using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>Reads a list page's query string (its GET filter form, its continuation token) as strictly as a form post.</summary>
public static class PageQuery
{
    /// <summary>The parameter's value (null if absent or empty); given twice, it is an error on that field.</summary>
    public static string? Value(HttpRequest request, string name, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!request.Query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, Messages.RepeatedParameter);
            return null;
        }

        return string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    /// <summary>The continuation token (<see cref="ListPaging.TokenField"/>): null for the first page.</summary>
    /// <returns>False when the token is given twice or empty: not a link a list gave out.</returns>
    public static bool TryReadToken(HttpRequest request, out string? token)
    {
        ArgumentNullException.ThrowIfNull(request);
        token = null;
        if (!request.Query.TryGetValue(ListPaging.TokenField, out var values) || values.Count == 0)
        {
            return true;
        }

        token = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        return token is not null;
    }
}
