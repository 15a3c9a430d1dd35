using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Financing;

/// <summary>How an instrument is paid back.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstrumentKind>))]
public enum InstrumentKind
{
    /// <summary>The municipality's mobility fund pays a grant; nothing is paid back.</summary>
    Grant,

    /// <summary>An investor pre-finances the move; the municipality pays an outcome payment from the realised gain.</summary>
    OutcomeBased,
}

/// <summary>
/// The outcome payment of an outcome-based instrument: <see cref="ShareAboveFloor"/> of the realised public-budget gain
/// above <see cref="FloorMultiple"/> × the financed amount, at most <see cref="CapMultiple"/> × the financed amount.
/// The floor is the part of the gain the public budgets keep before the investor is paid anything.
/// </summary>
public sealed record OutcomePaymentRule(decimal ShareAboveFloor, decimal FloorMultiple, decimal CapMultiple)
{
    public decimal PaymentFor(decimal financedDkk, decimal realisedGainDkk) =>
        Math.Min(CapMultiple * financedDkk, ShareAboveFloor * Math.Max(0m, realisedGainDkk - FloorMultiple * financedDkk));
}

/// <summary>
/// A financing instrument as configuration, versioned like a policy: an agreement pins the instrument (name and
/// version in one, e.g. "municipal-fund-v1") it was created under and keeps its terms for its whole life.
/// </summary>
/// <param name="MinAmountDkk">The smallest amount the instrument finances.</param>
/// <param name="MaxAmountDkk">The cap: no request or approval above it.</param>
/// <param name="AutoApprovalMaxDkk">Requests up to this amount with a good enough business case are approved without a human.</param>
/// <param name="RequiredGainMultiple">The projected 36-month gain must be at least this many times the amount.</param>
/// <param name="OutcomePayment">The outcome-payment rule; null for a grant.</param>
public sealed record FinancingInstrument(
    string Name,
    InstrumentKind Kind,
    decimal MinAmountDkk,
    decimal MaxAmountDkk,
    decimal AutoApprovalMaxDkk,
    decimal RequiredGainMultiple,
    OutcomePaymentRule? OutcomePayment)
{
    /// <summary>What the municipality owes under the instrument for a realised gain (a grant: nothing).</summary>
    public decimal OutcomePaymentFor(decimal financedDkk, decimal realisedGainDkk) =>
        OutcomePayment?.PaymentFor(financedDkk, realisedGainDkk) ?? 0m;

    /// <summary>
    /// The part of the financed amount that is not recovered: for a grant, the amount the realised gain falls short of
    /// it; for an outcome-based instrument, the amount the outcome payment falls short of it (the investor's loss).
    /// </summary>
    public decimal WrittenOffFor(decimal financedDkk, decimal realisedGainDkk) => Kind == InstrumentKind.Grant
        ? Math.Max(0m, financedDkk - Math.Max(0m, realisedGainDkk))
        : Math.Max(0m, financedDkk - OutcomePaymentFor(financedDkk, realisedGainDkk));
}
