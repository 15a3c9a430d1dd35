namespace Mobilitet.Workflows.Registers;

/// <summary>
/// One person's amounts for one period, from an eIndkomst-style extract. The period runs from
/// <paramref name="PeriodStart"/> to <paramref name="PeriodEnd"/>, both days included. Amounts are DKK for the whole
/// period; weeks may be fractional. The person is their <see cref="PersonKey"/>: the row never holds the CPR.
/// </summary>
public sealed record AmountRow(
    PersonKey Person,
    RowRef Source,
    DateTimeOffset UploadedAt,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    decimal WeeksOnSupport,
    decimal WeeksInPeriod,
    decimal TransfersDkk,
    decimal ServiceCostsDkk,
    decimal TaxPaidDkk)
{
    /// <summary>Days in the period, both ends included (at least 1).</summary>
    public int Days => PeriodEnd.DayNumber - PeriodStart.DayNumber + 1;

    public bool Overlaps(AmountRow other) => PeriodStart <= other.PeriodEnd && other.PeriodStart <= PeriodEnd;
}
