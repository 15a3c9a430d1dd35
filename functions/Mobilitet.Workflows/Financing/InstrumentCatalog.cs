using System.Diagnostics.CodeAnalysis;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// Every financing instrument an agreement can be pinned to. Entries are only ever added: a running agreement must find
/// its instrument's terms for as long as it runs and until it is settled. Agreements created before instruments existed
/// are pinned to <see cref="LegacyName"/>, whose terms are the ones their policy's financing rules had.
/// </summary>
public static class InstrumentCatalog
{
    /// <summary>The instrument of agreements that name none (created before instruments existed).</summary>
    public const string LegacyName = "municipal-fund-v1";

    /// <summary>The instrument the form offers first when configuration names none ("Financing:DefaultInstrument").</summary>
    public const string DefaultName = "municipal-fund-v2";

    /// <summary>
    /// The terms every agreement had before instruments existed (then the policy's financing rules): a grant, automatic
    /// up to 25 000 kr. with a gain of 1.5 × the amount, and no cap but the form's 10 000 000 kr.
    /// </summary>
    public static FinancingInstrument MunicipalFundV1 { get; } = new(
        Name: "municipal-fund-v1",
        Kind: InstrumentKind.Grant,
        MinAmountDkk: 1m,
        MaxAmountDkk: 10_000_000m,
        AutoApprovalMaxDkk: 25_000m,
        RequiredGainMultiple: 1.5m,
        OutcomePayment: null);

    /// <summary>The municipality's mobility fund as offered from now on: v1's terms with a cap of 60 000 kr. a move.</summary>
    public static FinancingInstrument MunicipalFundV2 { get; } = MunicipalFundV1 with
    {
        Name = "municipal-fund-v2",
        MaxAmountDkk = 60_000m,
    };

    /// <summary>
    /// An outcome contract in the spirit of Den Sociale Investeringsfond: an investor pre-finances up to 150 000 kr.; the
    /// municipality pays back half the realised gain above the financed amount, at most 1.3 × the amount. Always decided
    /// by a finance approver (no automatic approval) and only for a projected gain of at least twice the amount.
    /// </summary>
    public static FinancingInstrument OutcomeContractV1 { get; } = new(
        Name: "outcome-contract-v1",
        Kind: InstrumentKind.OutcomeBased,
        MinAmountDkk: 10_000m,
        MaxAmountDkk: 150_000m,
        AutoApprovalMaxDkk: 0m,
        RequiredGainMultiple: 2m,
        OutcomePayment: new OutcomePaymentRule(ShareAboveFloor: 0.5m, FloorMultiple: 1m, CapMultiple: 1.3m));

    private static readonly Dictionary<string, FinancingInstrument> Instruments =
        new[] { MunicipalFundV1, MunicipalFundV2, OutcomeContractV1 }.ToDictionary(instrument => instrument.Name, StringComparer.Ordinal);

    /// <summary>Every instrument a new agreement may choose, in the order the form offers them (v1 is kept for the agreements pinned to it).</summary>
    public static IReadOnlyList<FinancingInstrument> Offered { get; } = [MunicipalFundV2, OutcomeContractV1];

    /// <summary>The instrument an agreement is pinned to; null (an agreement from before instruments) is the legacy one.</summary>
    public static FinancingInstrument Get(string? name) =>
        TryGet(name ?? LegacyName, out var instrument) ? instrument : throw new KeyNotFoundException($"Unknown financing instrument '{name}'.");

    public static bool TryGet(string name, [NotNullWhen(true)] out FinancingInstrument? instrument) => Instruments.TryGetValue(name, out instrument);
}
