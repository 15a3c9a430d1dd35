using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The shared first steps of every page form post (application/x-www-form-urlencoded, which is what a
/// browser sends without JavaScript; the JSON API's 415 rule is for the JSON routes): the form is read
/// within the same size limit as a JSON body, and its antiforgery token is checked before anything else
/// happens. A field given twice is an error on that field, as in a JSON body.
/// </summary>
public sealed class FormPost
{
    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        ValueCountLimit = 64,
        KeyLengthLimit = 256,
        ValueLengthLimit = JsonBody.MaxBytes,
        MultipartBodyLengthLimit = JsonBody.MaxBytes,
    };

    private readonly IFormCollection form;

    private FormPost(IFormCollection form) => this.form = form;

    /// <summary>
    /// Reads and checks the post. On refusal, <paramref name="refusal"/> says why (an <see cref="ErrorPageKind"/>
    /// and its status code) and nothing else may happen.
    /// </summary>
    public static async Task<(FormPost? Form, (ErrorPageKind Kind, int Status)? Refusal)> ReadAsync(HttpContext context, PageFrames frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(frames);
        var request = context.Request;
        if (!HasMediaType(request, "application/x-www-form-urlencoded"))
        {
            return (null, (ErrorPageKind.NotAForm, StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > JsonBody.MaxBytes)
        {
            return (null, (ErrorPageKind.FormTooLarge, StatusCodes.Status413PayloadTooLarge));
        }

        IFormCollection form;
        try
        {
            // Read once with our limits; the antiforgery check below reads the same (cached) form.
            form = await request.ReadFormAsync(Limits, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, (ErrorPageKind.FormTooLarge, StatusCodes.Status413PayloadTooLarge));
        }

        if (!await frames.IsValidPostAsync(context))
        {
            return (null, (ErrorPageKind.FormExpired, StatusCodes.Status400BadRequest));
        }

        return (new FormPost(form), null);
    }

    /// <summary>Whether the request has exactly one Content-Type, of <paramref name="mediaType"/> (parameters aside).</summary>
    public static bool HasMediaType(HttpRequest request, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContentType.Count == 1 && MediaTypeHeaderValue.TryParse(request.Headers.ContentType[0], out var type)
            && type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The whole form, for readers of a larger form (<see cref="Forms.AgreementForm"/>).</summary>
    public IFormCollection Fields => form;

    /// <summary>Every value of a field that may be given several times (checkboxes), empty ones left out.</summary>
    public IReadOnlyList<string> Values(string field) =>
        form.TryGetValue(field, out var values) ? values.Where(value => !string.IsNullOrEmpty(value)).Select(value => value!).ToList() : [];

    /// <summary>A number as typed in a Danish form ("40.000", "17,5", <see cref="Forms.DanishNumbers"/>): null when empty; text that is not a number is an error on the field.</summary>
    public decimal? Number(string field, ValidationErrors errors)
    {
        var text = Value(field, errors);
        if (Forms.DanishNumbers.TryParse(text, out var number))
        {
            return number;
        }

        errors.Add(field, Messages.NotANumber);
        return null;
    }

    /// <summary>The field's value (null if absent or empty); a field given twice is an error on it.</summary>
    public string? Value(string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!form.TryGetValue(field, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(field, Messages.DuplicateField);
            return null;
        }

        return string.IsNullOrEmpty(values[0]) ? null : values[0];
    }
}
