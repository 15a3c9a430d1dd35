using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The effect dashboard as a CSV file (<see cref="CsvDownload"/>): the total, then one line per group of each grouping;
/// suppressed numbers are "&lt;5", numbers without data empty. Shares and self-sufficiency changes are in percent
/// (points), amounts in whole kroner per year.
/// </summary>
public static class EffectCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "Gruppering", "Gruppe", "Nøgle", "Aftaler",
        .. Enum.GetValues<AgreementStatus>().Select(status => "Status: " + Web.Shared.AgreementStatusTag.Text(status)),
        .. Milestones.InOrder.SelectMany(milestone => new[]
        {
            $"{milestone} målt",
            $"{milestone} på sporet (%)",
            $"{milestone} selvforsørgelse, ændring gns. (procentpoint)",
            $"{milestone} selvforsørgelse, ændring median (procentpoint)",
            $"{milestone} nettobidrag, ændring gns. (kr. pr. år)",
            $"{milestone} nettobidrag, ændring median (kr. pr. år)",
        }),
        "Eskaleringer åbnet", "Eskaleringer løst", "Eskaleringer uløste",
    ];

    public static IResult File(EffectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvDownload.File("effekt.csv", Header, Rows(report));
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(EffectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return Row("I alt", report.Total);
        foreach (var table in report.Tables)
        {
            foreach (var row in table.Rows)
            {
                yield return Row(table.Grouping.DanishName(), row);
            }
        }
    }

    private static string[] Row(string grouping, EffectRow row) =>
    [
        grouping,
        CsvDownload.Text(row.Label),
        CsvDownload.Text(row.Key ?? string.Empty),
        Cell(row.Agreements),
        .. Enum.GetValues<AgreementStatus>().Select(status => Cell(row.ByStatus[status])),
        .. Milestones.InOrder.SelectMany(milestone =>
        {
            var effect = row.Milestones[milestone];
            return new[]
            {
                Cell(effect.Measured),
                Cell(effect.ShareOnTrack, 100m, 1),
                Cell(effect.SelfSufficiencyChangeMean, 100m, 1),
                Cell(effect.SelfSufficiencyChangeMedian, 100m, 1),
                Cell(effect.NetContributionChangeMean),
                Cell(effect.NetContributionChangeMedian),
            };
        }),
        Cell(row.Escalations.Opened),
        Cell(row.Escalations.Resolved),
        Cell(row.Escalations.Unresolved),
    ];

    private static string Cell(Figure figure, decimal scale = 1m, int decimals = 0) =>
        figure.IsSuppressed ? Figure.SuppressedText : figure.Value is { } value ? CsvDownload.Number(value * scale, decimals) : string.Empty;
}
