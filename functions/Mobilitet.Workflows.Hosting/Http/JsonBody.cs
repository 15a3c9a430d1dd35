using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Reads a JSON request body with a size limit. Malformed JSON, a wrong type, an unknown field, a
/// field given twice or text that is not valid Unicode becomes a field error (by JSON path), never
/// an exception, so the caller can answer 400.
/// </summary>
public static class JsonBody
{
    /// <summary>Request bodies are small forms; anything larger is refused before it is parsed.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Whether the request carries a body at all (a step whose body is optional may come without one).</summary>
    public static bool HasBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
    }

    /// <summary>
    /// True only for exactly one Content-Type of <c>application/json</c>, optionally with
    /// <c>charset=utf-8</c>. Forms and plain text are refused: a web page on another site can post
    /// them without a CORS preflight, JSON it cannot.
    /// </summary>
    public static bool HasJsonContentType(HttpRequest request) => ContentTypes.IsUtf8(request, "application/json");

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

        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (JsonStructure.FindProblem(json) is { } problem)
        {
            errors.Add(problem.Field, problem.Message);
            return (null, errors);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(json, ApiJson.Requests);
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
