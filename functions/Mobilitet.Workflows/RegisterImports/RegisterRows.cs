using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// One agreement's register data as read back from the <see cref="IRegisterRowStore"/>. The store keeps every upload's
/// rows and the newer-upload rule is applied here, on read, in one place for every adapter: <see cref="Amounts"/> are
/// the rows <see cref="NewerUploadWins.Amounts"/> keeps; <see cref="Weekly"/> holds every upload's weekly rows and
/// <see cref="Weeks"/> resolves them week by week (<see cref="NewerUploadWins.Weeks"/>, through
/// <see cref="SupportCodeTable.Classify"/>), so a change of support-code table applies to data already imported.
/// Resolving on read keeps writes free of read-modify-write races between two imports.
/// </summary>
public sealed class RegisterRows
{
    private RegisterRows(IReadOnlyList<AmountRow> amounts, IReadOnlyList<WeeklyRow> weekly)
    {
        Amounts = amounts;
        Weekly = weekly;
    }

    /// <summary>
    /// The person every row read back carries: the store keeps no person key (all rows of an agreement are its
    /// resident's), and <see cref="RegisterIndicators.Measure"/> needs them to be one person, not which one.
    /// </summary>
    public static PersonKey Resident { get; } = new("resident");

    public static RegisterRows Empty { get; } = new([], []);

    /// <summary>The amount rows that count, in period order.</summary>
    public IReadOnlyList<AmountRow> Amounts { get; }

    /// <summary>Every upload's weekly rows, oldest upload first; each row's weeks in week order.</summary>
    public IReadOnlyList<WeeklyRow> Weekly { get; }

    public bool IsEmpty => Amounts.Count == 0 && Weekly.Count == 0;

    /// <summary>Rows as stored, of any uploads: each given to <see cref="Resident"/>, then resolved by the newer-upload rule.</summary>
    public static RegisterRows Resolve(IEnumerable<AmountRow> amounts, IEnumerable<WeeklyRow> weekly)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(weekly);
        var kept = NewerUploadWins.Amounts(amounts.Select(row => row with { Person = Resident }))
            .OrderBy(row => row.PeriodStart)
            .ThenBy(row => row.UploadedAt)
            .ThenBy(row => row.Source.UploadId, StringComparer.Ordinal)
            .ToList();
        var rows = weekly
            .Select(row => row with { Person = Resident, Weeks = [.. row.Weeks.OrderBy(week => week.Week)] })
            .OrderBy(row => row.UploadedAt)
            .ThenBy(row => row.Source.UploadId, StringComparer.Ordinal)
            .ThenBy(row => row.Source.Line)
            .ToList();
        return new RegisterRows(kept, rows);
    }

    /// <summary>The resident's weeks, on support or not by <paramref name="codes"/>, each from the newest upload that has it.</summary>
    public IReadOnlyList<SupportWeek> Weeks(SupportCodeTable codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.Classify(Weekly).TryGetValue(Resident, out var weeks) ? weeks : [];
    }
}
