using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// "Registerudtræk": the upload form (one file, multipart, no JavaScript needed) and the recent imports the person may
/// see, each linking to its kept report.
/// </summary>
/// <param name="Municipalities">The names of the municipalities the person's uploads are matched in ("Aarhus (0751)").</param>
/// <param name="Recent">Recent imports the person may see, newest first.</param>
/// <param name="Errors">Why the last upload was not imported, by field (<see cref="FileField"/>).</param>
public sealed record RegisterExtractsPageModel(IReadOnlyList<string> Municipalities, IReadOnlyList<RegisterImport> Recent, FieldErrors Errors)
{
    /// <summary>The file input's name in the multipart form.</summary>
    public const string FileField = "fil";

    /// <summary>The largest file, in MB (<see cref="ExtractImporter.MaxBytes"/>).</summary>
    public static int MaxMegabytes => ExtractImporter.MaxBytes / (1024 * 1024);
}
