using System.Globalization;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// The Danish texts of <see cref="ExtractError"/>, in one place. None of them quotes a value from the file: a cell
/// may hold a CPR number.
/// </summary>
internal static class ExtractMessages
{
    public const string EmptyFile = "Filen er tom.";

    public const string UnknownHeader =
        "Filens første linje skal være en af de kendte overskrifter, med semikolon mellem felterne: "
        + "beløb \"" + ExtractParser.AmountsHeader + "\", "
        + "eller ugedata \"cpr\" efterfulgt af én kolonne pr. ISO-uge med navnet y_ÅÅUU (fx y_2701 for uge 1 i 2027).";

    public const string WeekColumnName =
        "Ugekolonner skal hedde y_ÅÅUU med en uge, der findes i året (fx y_2701 for uge 1 i 2027; uge 53 kun i år med 53 uger).";

    public const string DuplicateWeekColumn = "Ugen står i mere end én kolonne.";

    public const string CprFormat = "CPR-nummeret skal være 10 cifre, evt. skrevet ddmmåå-xxxx.";

    public const string CprDate = "CPR-nummerets første seks cifre skal være en gyldig dato (ddmmåå).";

    public const string Date = "Datoen skal skrives som åååå-mm-dd.";

    public const string PeriodEndBeforeStart = "Periodens slutdato må ikke ligge før startdatoen.";

    public const string Weeks = "Antal uger skal skrives som et tal, evt. med decimalkomma (fx 4,5).";

    public const string NegativeWeeks = "Antal uger må ikke være negativt.";

    public const string NoWeeksInPeriod = "Antal uger i perioden skal være større end 0.";

    public const string MoreWeeksOnSupportThanInPeriod = "Uger på offentlig forsørgelse kan ikke være flere end ugerne i perioden.";

    public const string Amount = "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50.";

    public const string NegativeAmount = "Beløbet må ikke være negativt.";

    public const string BenefitCode = "Ydelseskoden må kun bestå af bogstaver og cifre (højst 8 tegn); lad feltet være tomt, når der ikke er udbetalt en ydelse.";

    public static string ColumnCount(int found, int expected) =>
        string.Create(CultureInfo.InvariantCulture, $"Linjen har {found} felter, men overskriften har {expected}.");

    /// <summary>The error for a line whose number of fields is not the header's.</summary>
    public static ExtractError WrongColumnCount(int lineFrom, int lineToExclusive, int found, int expected) =>
        new(lineFrom, null, lineToExclusive - lineFrom > 1 ? QuoteRunsOn(lineToExclusive - 1) : ColumnCount(found, expected));

    /// <summary>A quoted field that is not closed runs on to the end of the file (or the next quote): say so, as the lines after it are gone too.</summary>
    public static string QuoteRunsOn(int lastLine) =>
        string.Create(CultureInfo.InvariantCulture, $"Et anførselstegn (\") på linjen lukkes ikke, så linjerne til og med linje {lastLine} er læst som én.");

    public static string PersonAlreadyOnLine(int line) =>
        string.Create(CultureInfo.InvariantCulture, $"Personen står allerede på linje {line}.");

    public static string PeriodOverlapsLine(int line) =>
        string.Create(CultureInfo.InvariantCulture, $"Perioden overlapper en periode for samme person på linje {line}.");
}
