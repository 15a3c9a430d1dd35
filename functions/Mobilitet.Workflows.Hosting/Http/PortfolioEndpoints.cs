using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// <c>GET /api/financing/portfolio?format=json|csv</c>: the financing portfolio (<see cref="PortfolioAggregation"/>) of the
/// municipalities the person holds. 401 nobody signed in; 403 neither the monitoring unit, a finance approver nor an
/// administrator, or no municipality held; 400 an unknown format. No personal data: amounts, statuses and counts.
/// </summary>
public sealed class PortfolioEndpoints(CurrentUserReader users, PortfolioQuery query)
{
    public static string NotAllowed { get; } =
        $"Porteføljen kan ses af {Roles.DanishName(Roles.Monitoring).ToLower(Notifications.DanishFormat.Culture)}, bevillingsansvarlige og administratorer.";

    public const string NoMunicipality = "Porteføljen vises for de kommuner, du har adgang til, og du har ikke adgang til nogen.";

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (!user.MaySeePortfolio())
        {
            return Problems.Forbidden(NotAllowed);
        }

        var covered = user.HeldMunicipalities();
        if (covered.Count == 0)
        {
            return Problems.Forbidden(NoMunicipality);
        }

        var errors = new ValidationErrors();
        var csv = CsvDownload.AsksForCsv(request, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var report = await query.ReadAsync(covered, cancellationToken);
        return csv
            ? CsvDownload.File("finansieringsportefoelje.csv", Header, Rows(report))
            : TypedResults.Ok(new PortfolioResponse(covered.Order(StringComparer.Ordinal).ToList(), Suppression.Threshold, report.Groups, report.InstrumentTotals));
    }

    /// <summary>The CSV's columns; amounts in whole kroner as the pages show them, suppressed numbers "&lt;5".</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "Instrument", "Kommune", "Aftaler",
        .. Enum.GetValues<AgreementStatus>().Select(status => "Status: " + Web.Shared.AgreementStatusTag.Text(status)),
        "Bevilget (kr.)", "Udbetalt (kr.)", "Forventet gevinst (kr.)", "Realiseret gevinst til dato (kr.)", "Resultatbetalinger (kr.)", "Afskrevet (kr.)",
    ];

    public static IEnumerable<IReadOnlyList<string>> Rows(PortfolioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.InstrumentTotals.Concat(report.Groups).Select(group => (IReadOnlyList<string>)
        [
            CsvDownload.Text(group.Instrument),
            group.Municipality ?? "Alle",
            group.Agreements?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Suppressed,
            .. Enum.GetValues<AgreementStatus>().Select(status =>
                group.ByStatus.TryGetValue(status, out var count) ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : Suppressed),
            Amount(group.CommittedDkk), Amount(group.PaidDkk), Amount(group.ProjectedGainDkk),
            Amount(group.RealisedGainDkk), Amount(group.OutcomePaymentsDueDkk), Amount(group.WrittenOffDkk),
        ]);
    }

    private const string Suppressed = "<5";

    private static string Amount(decimal? amount) =>
        amount is { } value ? Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture) : Suppressed;
}

/// <summary>The API's answer: the municipalities covered, the suppression threshold, each group and each instrument's total.</summary>
public sealed record PortfolioResponse(
    IReadOnlyList<string> Municipalities,
    int SuppressionThreshold,
    IReadOnlyList<PortfolioGroup> Groups,
    IReadOnlyList<PortfolioGroup> InstrumentTotals);
