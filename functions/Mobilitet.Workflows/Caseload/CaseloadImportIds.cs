using Mobilitet.Workflows.Ids;

namespace Mobilitet.Workflows.Caseload;

/// <summary>Caseload import ids are opaque: "ci-" and 20 random hex digits (never derived from the file).</summary>
public static class CaseloadImportIds
{
    private static readonly OpaqueIdFormat Format = new("ci-");

    public static string New() => Format.New();

    public static bool IsWellFormed(string? id) => Format.IsWellFormed(id);
}
