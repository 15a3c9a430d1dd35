using Microsoft.AspNetCore.Http;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>Reads a CSV request body (a register extract) with a size limit, into memory: the importer hashes and parses the same bytes.</summary>
public static class CsvBody
{
    /// <summary>
    /// True only for exactly one Content-Type of <c>text/csv</c>, optionally with <c>charset=utf-8</c> (the parser
    /// reads UTF-8, with or without a byte-order mark; another charset would be misread).
    /// </summary>
    public static bool HasCsvContentType(HttpRequest request) => ContentTypes.IsUtf8(request, "text/csv");

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (then it is read no further).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
