using Mobilitet.Workflows.Ids;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// Agreement ids are opaque: "fa-" and 20 random hex digits. They are also the orchestration
/// instance id, so they must never carry a CPR number or anything else that identifies a person.
/// </summary>
public static class AgreementIds
{
    private static readonly OpaqueIdFormat Format = new("fa-");

    public static string New() => Format.New();

    public static bool IsWellFormed(string? id) => Format.IsWellFormed(id);
}
