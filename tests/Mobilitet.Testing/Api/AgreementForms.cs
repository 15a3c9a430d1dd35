using System.Text.Json.Nodes;

namespace Mobilitet.Testing.Api;

/// <summary>Builds caseworker forms for tests: valid by default, each With… changes one thing.</summary>
public sealed class AgreementForms
{
    public const string ResidentCpr = "0101901234";
    public const string ResidentName = "Karin Testesen";
    public const string ResidentEmail = "karin.testesen@example.dk";
    public const string CaseworkerName = "Søren Sagsbehandler";
    public const string CaseworkerEmail = "soeren.sagsbehandler@kommune.example.dk";
    public const string Supervisor1 = "tilsyn1@mobilitet.example.dk";
    public const string Supervisor2 = "tilsyn2@mobilitet.example.dk";

    /// <summary>Today in the Danish calendar (an agreement's policy time starts here).</summary>
    public static DateOnly Today => Mobilitet.Workflows.Policies.DanishCalendar.DateOf(DateTime.UtcNow);

    /// <summary>Today in <paramref name="agreement"/>'s policy time, which starts at its creation and runs one policy day per <paramref name="dayLength"/>.</summary>
    public static DateOnly PolicyToday(JsonObject agreement, TimeSpan dayLength) =>
        new Mobilitet.Workflows.Policies.PolicyClock(
            DateTimeOffset.Parse(agreement.Text("createdAt"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime,
            dayLength).DateAt(DateTime.UtcNow);

    /// <summary>
    /// Baseline: 20 % self-supporting, 200 000 kr. resource draw, 30 000 kr. taxes per year.
    /// Projected 36-month gain: 1.5 × (20 000 + 15 000) = 52 500 kr.; 20 000 kr. is auto-approved.
    /// </summary>
    public static JsonObject Valid(DateOnly plannedMoveDate, decimal requestedDkk = 20_000m, string? policy = null)
    {
        var form = new JsonObject
        {
            ["municipalityCode"] = "0751",
            ["housingAssociation"] = "Brabrand Boligforening",
            ["direction"] = "out",
            ["fromArea"] = "Gellerupparken",
            ["toArea"] = "Viby",
            ["resident"] = new JsonObject
            {
                ["cpr"] = "010190-1234",
                ["name"] = ResidentName,
                ["email"] = ResidentEmail,
                ["phone"] = "+45 12 34 56 78",
            },
            ["caseworker"] = new JsonObject { ["name"] = CaseworkerName, ["email"] = CaseworkerEmail },
            ["supervisors"] = new JsonArray(Supervisor1, Supervisor2),
            ["baseline"] = new JsonObject { ["selfSufficiencyRate"] = 0.2m, ["resourceDrawDkk"] = 200_000m, ["taxPaidDkk"] = 30_000m },
            ["financing"] = new JsonObject { ["requestedDkk"] = requestedDkk, ["purpose"] = "Indskud og flytning" },
            ["plannedMoveDate"] = plannedMoveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (policy is not null)
        {
            form["policy"] = policy; // left out, the API takes the default policy
        }

        return form;
    }

    /// <summary>Values on track at every milestone of the baseline above.</summary>
    public static JsonObject OnTrack(string milestone) => new()
    {
        ["milestone"] = milestone,
        ["selfSufficiencyRate"] = 0.5m,
        ["resourceDrawDkk"] = 150_000m,
        ["taxPaidDkk"] = 60_000m,
    };
}
