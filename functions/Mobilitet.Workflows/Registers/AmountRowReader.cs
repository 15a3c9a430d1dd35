using System.Globalization;
using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Registers;

/// <summary>The lines of an amounts extract (<see cref="ExtractParser.AmountsHeader"/>), checked field by field.</summary>
internal sealed class AmountRowReader(ExtractUpload upload, PersonKeys personKeys)
{
    private const int ColumnCount = 8;

    private readonly List<AmountRow> rows = [];
    private readonly List<ExtractError> errors = [];

    /// <summary>The periods read so far per person, to refuse a second line for the same days (it would count twice).</summary>
    private readonly Dictionary<PersonKey, List<(DateOnly Start, DateOnly End, int Line)>> periods = [];

    public ExtractParseReport ReadAll(SepReader reader) =>
        new(ExtractFormat.Amounts, ExtractLines.ReadEach(reader, Read), rows, [], errors);

    private void Read(SepReader.Row row)
    {
        var line = row.LineNumberFrom;
        if (!ExtractLines.HasColumns(row, ColumnCount, errors))
        {
            return;
        }

        var errorsBefore = errors.Count;
        var person = ExtractLines.ReadPerson(personKeys, row[0].Span.Trim(), line, errors);
        var start = ReadDate(row[1].Span.Trim(), line, "periodStart");
        var end = ReadDate(row[2].Span.Trim(), line, "periodEnd");
        var weeksOnSupport = ReadWeeks(row[3].Span.Trim(), line, "weeksOnSupport");
        var weeksInPeriod = ReadWeeks(row[4].Span.Trim(), line, "weeksInPeriod");
        var transfers = ReadAmount(row[5].Span.Trim(), line, "transfersDkk");
        var serviceCosts = ReadAmount(row[6].Span.Trim(), line, "serviceCostsDkk");
        var taxPaid = ReadAmount(row[7].Span.Trim(), line, "taxPaidDkk");

        if (start is { } s && end is { } e && e < s)
        {
            errors.Add(new ExtractError(line, "periodEnd", ExtractMessages.PeriodEndBeforeStart));
        }

        if (weeksInPeriod == 0m)
        {
            errors.Add(new ExtractError(line, "weeksInPeriod", ExtractMessages.NoWeeksInPeriod));
        }
        else if (weeksOnSupport is { } onSupport && weeksInPeriod is { } inPeriod && onSupport > inPeriod)
        {
            errors.Add(new ExtractError(line, "weeksOnSupport", ExtractMessages.MoreWeeksOnSupportThanInPeriod));
        }

        if (errors.Count > errorsBefore)
        {
            return;
        }

        if (FindOverlap(person!.Value, start!.Value, end!.Value, line) is { } earlierLine)
        {
            errors.Add(new ExtractError(line, "periodStart", ExtractMessages.PeriodOverlapsLine(earlierLine)));
            return;
        }

        rows.Add(new AmountRow(
            person.Value,
            new RowRef(upload.Id, line),
            upload.UploadedAt,
            start.Value,
            end.Value,
            weeksOnSupport!.Value,
            weeksInPeriod!.Value,
            transfers!.Value,
            serviceCosts!.Value,
            taxPaid!.Value));
    }

    private DateOnly? ReadDate(ReadOnlySpan<char> text, int line, string field)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new ExtractError(line, field, ExtractMessages.Date));
        return null;
    }

    private decimal? ReadWeeks(ReadOnlySpan<char> text, int line, string field) =>
        ReadNumber(text, line, field, ExtractMessages.Weeks, ExtractMessages.NegativeWeeks);

    private decimal? ReadAmount(ReadOnlySpan<char> text, int line, string field) =>
        ReadNumber(text, line, field, ExtractMessages.Amount, ExtractMessages.NegativeAmount);

    private decimal? ReadNumber(ReadOnlySpan<char> text, int line, string field, string malformed, string negative)
    {
        switch (RegisterNumbers.TryParse(text, out var value))
        {
            case RegisterNumbers.Result.Ok:
                return value;
            case RegisterNumbers.Result.Negative:
                errors.Add(new ExtractError(line, field, negative));
                return null;
            default:
                errors.Add(new ExtractError(line, field, malformed));
                return null;
        }
    }

    private int? FindOverlap(PersonKey person, DateOnly start, DateOnly end, int line)
    {
        if (!periods.TryGetValue(person, out var known))
        {
            periods[person] = known = [];
        }

        foreach (var period in known)
        {
            if (period.Start <= end && start <= period.End)
            {
                return period.Line;
            }
        }

        known.Add((start, end, line));
        return null;
    }
}
