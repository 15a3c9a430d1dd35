using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>*Indlæs aftaler*: the upload form for a caseload file, empty or sent back with errors.</summary>
/// <param name="Header">The file's header line, exactly (shown so the file can be made to match).</param>
/// <param name="MaxMegabytes">How large a file may be.</param>
public sealed record CaseloadImportPageModel(string Header, int MaxMegabytes)
{
    /// <summary>The file field's name in the form.</summary>
    public const string FileField = "fil";

    public FieldErrors Errors { get; init; } = FieldErrors.None;

    /// <summary>Why the file was not imported although it was sent, if so.</summary>
    public ActionRefusal? Refusal { get; init; }
}
