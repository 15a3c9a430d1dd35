namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Configuration section "Registers:SupportCodes": a support-code table other than the default, e.g.
/// <c>"Version": "dream-2027-1", "Codes": ["111", "121", ...]</c>. Unset, <see cref="SupportCodeTable.Default"/>
/// applies. The list starts empty on purpose: configuration binding adds to a list that already has items.
/// </summary>
public sealed class SupportCodeOptions
{
    public const string Section = "Registers:SupportCodes";

    public string? Version { get; set; }

    public List<string> Codes { get; set; } = [];

    /// <summary>
    /// The table this configuration names. A published version keeps its codes: configuring the default version
    /// with other codes, codes without a version, or a new version without codes is refused.
    /// </summary>
    public SupportCodeTable ToTable()
    {
        var defaultVersion = string.IsNullOrWhiteSpace(Version) || Version == SupportCodeTable.DefaultVersion;
        if (Codes.Count == 0)
        {
            return defaultVersion
                ? SupportCodeTable.Default
                : throw new InvalidOperationException($"{Section}: version '{Version}' lists no codes.");
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new InvalidOperationException($"{Section}: codes need a version of their own.");
        }

        var table = new SupportCodeTable(Version, Codes);
        return !defaultVersion || table.Equals(SupportCodeTable.Default)
            ? table
            : throw new InvalidOperationException($"{Section}: version '{SupportCodeTable.DefaultVersion}' is published; other codes need a new version.");
    }
}
