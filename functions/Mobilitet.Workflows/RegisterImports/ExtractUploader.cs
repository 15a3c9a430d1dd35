namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Who imports an extract, as far as the import is concerned: an opaque id (an Entra object id, never a name) and the
/// municipalities whose agreements the file's rows may be matched to. Rows of anybody else are unmatched.
/// </summary>
public sealed record ExtractUploader(string UserId, IReadOnlySet<string> MunicipalityCodes)
{
    /// <summary>The uploader of files dropped in Blob storage: a system actor, not a person (<see cref="DroppedExtractImporter"/>).</summary>
    public const string DropFolderId = "system:register-drop";
}
