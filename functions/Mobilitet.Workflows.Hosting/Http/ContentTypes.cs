using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>The one Content-Type check every body reader makes.</summary>
public static class ContentTypes
{
    /// <summary>
    /// True only for exactly one Content-Type of <paramref name="mediaType"/>, optionally with <c>charset=utf-8</c>
    /// (the readers decode UTF-8; another charset would be misread).
    /// </summary>
    public static bool IsUtf8(HttpRequest request, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.ContentType;
        if (header.Count != 1 || !MediaTypeHeaderValue.TryParse(header[0], out var type)
            || !type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return type.Parameters.Count switch
        {
            0 => true,
            1 => type.Parameters[0].Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                && HeaderUtilities.RemoveQuotes(type.Parameters[0].Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
