using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Reads a JSON request body with a size limit. Malformed JSON, a wrong type or an unknown field
/// becomes a field error (by JSON path), never an exception, so the caller can answer 400.
/// </summary>
public static class JsonBody
{
    /// <summary>Request bodies are small forms; anything larger is refused before it is parsed.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>True for application/json, optionally with charset=utf-8.</summary>
    public static bool HasJsonContentType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && type.Parameters.All(parameter => parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) && parameter.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the request carries a body at all (a step whose body is optional may come without one).</summary>
    public static bool HasBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
    }

    public static async Task<(T? Value, ValidationErrors Errors)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (request.ContentLength > MaxBytes)
        {
            errors.Add("body", Messages.BodyTooLarge(MaxBytes));
            return (null, errors);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                errors.Add("body", Messages.BodyTooLarge(MaxBytes));
                return (null, errors);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            errors.Add("body", Messages.InvalidJson);
            return (null, errors);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Requests);
            if (value is null)
            {
                errors.Add("body", Messages.InvalidJson);
            }

            return (value, errors);
        }
        catch (JsonException exception)
        {
            // System.Text.Json says what went wrong only in its message; the path says where.
            if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                errors.Add(FieldOf(exception.Path), Messages.UnknownField);
            }
            else if (exception.Message.Contains("could not be converted", StringComparison.Ordinal))
            {
                errors.Add(FieldOf(exception.Path), Messages.WrongType);
            }
            else
            {
                errors.Add("body", Messages.InvalidJson);
            }

            return (null, errors);
        }
    }

    // "$.resident.cpr" → "resident.cpr"; the root → "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
