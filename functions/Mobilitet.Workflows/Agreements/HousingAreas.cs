using System.Text;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// How housing-area names are compared in lists and searches: Unicode NFC, trimmed, runs of white space
/// as one space, lower case (invariant) — "  Gellerup Parken" and "gellerup  parken" are the same area.
/// </summary>
public static class HousingAreas
{
    public static string Normalize(string area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var builder = new StringBuilder(area.Length);
        foreach (var word in area.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word.ToLowerInvariant());
        }

        return builder.ToString();
    }

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
