using System.Globalization;

namespace Mobilitet.Workflows.Hosting.Validation;

/// <summary>The Danish texts users see when input is rejected.</summary>
public static class Messages
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public const string Required = "Feltet skal udfyldes.";
    public const string NotNegative = "Beløbet må ikke være negativt.";
    public const string Positive = "Beløbet skal være større end 0.";
    public const string RateRange = "Værdien skal ligge mellem 0 og 1.";
    public const string DateFormat = "Datoen skal skrives som ÅÅÅÅ-MM-DD og være en gyldig dato.";
    public const string Email = "E-mailadressen er ikke gyldig.";
    public const string Phone = "Telefonnummeret er ikke gyldigt (8 cifre, evt. med +45).";
    public const string CprFormat = "CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX).";
    public const string CprDate = "CPR-nummeret har en ugyldig dato.";
    public const string MunicipalityFormat = "Kommunekoden skal bestå af 4 cifre.";
    public const string MunicipalityUnknown = "Kommunekoden findes ikke.";
    public const string PolicyUnknown = "Politikken findes ikke.";
    public const string InstrumentUnknown = "Finansieringsinstrumentet findes ikke. Vælg et af dem, formularen viser.";
    public const string WrongType = "Værdien har en forkert type.";
    public const string NotANumber = "Skriv et tal, fx 40.000 eller 0,5.";
    public const string UnknownField = "Feltet er ukendt.";
    public const string InvalidJson = "Forespørgslen skal være gyldig JSON.";
    public const string DuplicateField = "Feltet står flere gange.";
    public const string InvalidCharacters = "Teksten indeholder ugyldige tegn.";
    public const string ControlCharacter = "Teksten må ikke indeholde styretegn.";
    public const string LineBreak = "Feltet må kun have én linje (ingen linjeskift).";
    public const string BidiControl = "Teksten må ikke indeholde tegn, der ændrer skriveretningen.";
    public const string InvisibleOnly = "Teksten består kun af usynlige tegn.";
    public const string EmailIpAddress = "E-mailadressen skal have et domænenavn, ikke en IP-adresse.";
    public const string AtLeastOneSupervisor = "Angiv mindst én tilsynsperson (niveau 1 først).";
    public const string DuplicateSupervisor = "Den samme tilsynsperson står flere gange.";
    public const string PlannedMoveInPast = "Den planlagte flyttedato må ikke ligge før i dag.";
    public const string MovedInFuture = "Flyttedatoen må ikke ligge efter i dag.";
    public const string MovedBeforeAgreement = "Flyttedatoen må ikke ligge før aftalen blev oprettet.";
    public const string ApprovedAboveRequested = "Det godkendte beløb må ikke overstige det ansøgte beløb.";
    public const string ApprovedOnlyWithApproval = "Et godkendt beløb kan kun angives, når finansieringen godkendes.";
    public const string PercentRange = "Procentsatsen skal ligge mellem 0 og 100.";
    public const string RepeatedParameter = "Parameteren må kun angives én gang.";
    public const string InvalidToken = "Linket er ugyldigt eller hører til en anden eskalering.";
    public const string ExpiredToken = "Linket er udløbet. Træf beslutningen under Eskaleringer i webløsningen.";
    public const string UsedToken = "Linket er allerede brugt. Det virker kun én gang; se eskaleringen under Eskaleringer i webløsningen.";
    public const string OtherRecipientToken = "Linket blev sendt til en anden person end den, der er logget ind. Brug dit eget link eller Eskaleringer i webløsningen.";

    public static string AtMost(decimal max) => $"Værdien må højst være {max.ToString("#,##0", Danish)}.";

    public static string ApprovedAboveInstrumentCap(decimal max) =>
        $"Det godkendte beløb må ikke overstige finansieringsinstrumentets loft på {max.ToString("#,##0", Danish)} kr.";

    public static string AmountOutsideInstrument(decimal min, decimal max) =>
        $"Finansieringsinstrumentet dækker beløb fra {min.ToString("#,##0", Danish)} kr. til {max.ToString("#,##0", Danish)} kr.";

    public static string TooLong(int max) => $"Teksten må højst være {max} tegn.";

    public static string TooMany(int max) => $"Der må højst angives {max}.";

    public static string OneOf(IEnumerable<string> choices) => $"Værdien skal være en af: {string.Join(", ", choices)}.";

    public static string PlannedMoveTooFarAhead(int maxDays) => $"Den planlagte flyttedato må højst ligge {maxDays} dage efter i dag.";

    public static string BodyTooLarge(int maxBytes) => $"Forespørgslen er for stor (højst {maxBytes / 1024} KB).";
}
