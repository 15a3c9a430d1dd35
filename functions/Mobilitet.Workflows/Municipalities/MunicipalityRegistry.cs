namespace Mobilitet.Workflows.Municipalities;

/// <summary>
/// Denmark's 98 municipalities (kommuner.csv, public reference data: 4-digit code; name; region),
/// used to validate municipality codes and to offer them as a choice in forms.
/// </summary>
public static class MunicipalityRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, Municipality>> ByCode = new(Load);

    public static IReadOnlyCollection<Municipality> All => ByCode.Value.Values.ToList();

    public static bool TryGet(string? code, out Municipality municipality)
    {
        municipality = null!;
        return code is not null && ByCode.Value.TryGetValue(code, out municipality!);
    }

    /// <summary>The municipality's name, or the code itself if it is not one of the 98.</summary>
    public static string NameOf(string code) => TryGet(code, out var municipality) ? municipality.Name : code;

    private static Dictionary<string, Municipality> Load()
    {
        using var stream = typeof(MunicipalityRegistry).Assembly.GetManifestResourceStream("Mobilitet.Workflows.kommuner.csv")
            ?? throw new InvalidOperationException("The municipality list is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1) // header: kode;navn;region
            .Select(line => line.Split(';'))
            .Select(fields => new Municipality(fields[0], fields[1], fields[2]))
            .ToDictionary(municipality => municipality.Code, StringComparer.Ordinal);
    }
}
