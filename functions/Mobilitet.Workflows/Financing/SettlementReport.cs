using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// What an agreement's settlement came to, kept on its read-model row: enough for the portfolio and the agreement page,
/// and it stays when a withdrawal erases the measurements and the report (the money must still be accounted for).
/// </summary>
public sealed record SettlementSummary(int MonthsSettled, decimal RealisedGainDkk, decimal OutcomePaymentDkk, decimal WrittenOffDkk, DateTimeOffset SettledAt)
{
    public static SettlementSummary Of(Settlement settlement, DateTimeOffset settledAt)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return new(settlement.MonthsSettled, settlement.RealisedGainDkk, settlement.OutcomePaymentDkk, settlement.WrittenOffDkk, settledAt);
    }
}

/// <summary>
/// The settlement report of one agreement, kept as JSON beside it (<see cref="Documents.DocumentNames.Settlement"/>) with a
/// Danish HTML copy, and shown at /aftaler/{id}/afregning: the instrument's terms, the baseline, each settled stretch of the
/// 36 months with its net contribution and gain, the realised gain, the outcome payment due and the amount written off.
/// Written when the agreement ends after its move (completed, cancelled or withdrawn; workflow 1.5 on). It names no
/// person, but its figures are the resident's, so it is erased with the agreement's other documents.
/// </summary>
public sealed record SettlementReport
{
    public required string AgreementId { get; init; }

    public required string PolicyName { get; init; }

    public required FinancingInstrument Instrument { get; init; }

    public required DateOnly MovedOn { get; init; }

    /// <summary>How the agreement ended: Completed (after M36 and any extension), Cancelled or ConsentWithdrawn (early).</summary>
    public required AgreementStatus EndedAs { get; init; }

    public required Settlement Settlement { get; init; }

    public required DateTimeOffset SettledAt { get; init; }

    /// <summary>The timeline detail of a settlement: the months settled ("36-months").</summary>
    public static string TimelineDetail(int monthsSettled) => $"{monthsSettled}-months";

    /// <summary>The months settled, read back from <see cref="TimelineDetail"/>; null for any other detail.</summary>
    public static int? MonthsOf(string detail) =>
        detail is { Length: > 7 } && detail.EndsWith("-months", StringComparison.Ordinal)
            && int.TryParse(detail.AsSpan(0, detail.Length - "-months".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var months)
            ? months
            : null;

    public static SettlementReport Of(AgreementRecord agreement, Settlement settlement, AgreementStatus endedAs, DateTimeOffset settledAt)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(settlement);
        return new SettlementReport
        {
            AgreementId = agreement.AgreementId,
            PolicyName = agreement.PolicyName,
            Instrument = agreement.Instrument(),
            MovedOn = agreement.MovedOn ?? throw new InvalidOperationException($"Agreement {agreement.AgreementId} is settled before its move."),
            EndedAs = endedAs,
            Settlement = settlement,
            SettledAt = settledAt,
        };
    }
}

/// <summary>Renders a settlement report as a whole Danish HTML page, with the web UI's templates (kept beside its JSON).</summary>
public interface ISettlementReportPages
{
    Task<string> RenderAsync(SettlementReport report);
}
