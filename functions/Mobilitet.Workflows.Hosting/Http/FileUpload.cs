using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The shared first steps of a page form that uploads a file (multipart/form-data, what a browser sends without
/// JavaScript; the register-extract and caseload pages): the body must be multipart, is refused early when its declared
/// length exceeds the file limit with room for the form around it, is read with the file limit and small limits for the
/// other fields (the form carries only its antiforgery token besides the file), and its antiforgery token is checked
/// before anything else happens. What to do with the files, and how to word a refusal, is the page's.
/// </summary>
public static class FileUpload
{
    public enum Refusal
    {
        /// <summary>415: not a multipart form.</summary>
        NotMultipart,

        /// <summary>413: larger than the file limit allows.</summary>
        TooLarge,

        /// <summary>400: the antiforgery token is missing or not valid.</summary>
        FormExpired,
    }

    /// <summary>Room for the multipart boundaries, headers and the antiforgery field around the file.</summary>
    private const int FormOverheadBytes = 64 * 1024;

    public static async Task<(IFormFileCollection? Files, Refusal? Refused)> ReadAsync(HttpContext context, PageFrames frames, int maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(frames);
        var request = context.Request;
        if (!FormPost.HasMediaType(request, "multipart/form-data"))
        {
            return (null, Refusal.NotMultipart);
        }

        if (request.ContentLength > maxFileBytes + FormOverheadBytes)
        {
            return (null, Refusal.TooLarge);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(
                new FormOptions { BufferBody = false, ValueCountLimit = 8, KeyLengthLimit = 256, ValueLengthLimit = 4096, MultipartBodyLengthLimit = maxFileBytes },
                cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, Refusal.TooLarge);
        }

        return await frames.IsValidPostAsync(context) ? (form.Files, null) : (null, Refusal.FormExpired);
    }

    /// <summary>The file's bytes (the caller has checked its length against its limit).</summary>
    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }
}
