using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>People and form posts for the page tests: the fields a browser sends, by the API's JSON paths.</summary>
public static class PageForms
{
    /// <summary>A caseworker in Aarhus (0751), where AgreementForms' agreements are.</summary>
    public static string AarhusCaseworker { get; } = TestIdentities.Person("cw-aarhus", [Roles.Caseworker], "0751");

    /// <summary>A finance approver in Aarhus.</summary>
    public static string AarhusFinanceApprover { get; } = TestIdentities.Person("fa-aarhus", [Roles.FinanceApprover], "0751");

    /// <summary>A caseworker in Copenhagen (0101): another municipality.</summary>
    public static string CopenhagenCaseworker { get; } = TestIdentities.Person("cw-kbh", [Roles.Caseworker], "0101");

    /// <summary>The monitoring unit: reads every municipality, never personal data.</summary>
    public static string Monitoring { get; } = TestIdentities.Person("monitoring-1", [Roles.Monitoring]);

    /// <summary>
    /// The *Ny flytteaftale* form as a caseworker fills it in (AgreementForms' resident and baseline: 20 %, 200.000 kr.,
    /// 30.000 kr.), with <paramref name="changes"/> replacing or adding fields.
    /// </summary>
    public static (string Name, string Value)[] NewAgreement(decimal requestedDkk = 50_000m, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["municipalityCode"] = "0751",
            ["housingAssociation"] = "Brabrand Boligforening",
            ["direction"] = "out",
            ["fromArea"] = "Gellerupparken",
            ["toArea"] = "Viby",
            ["resident.cpr"] = "010190-1234",
            ["resident.name"] = AgreementForms.ResidentName,
            ["resident.email"] = AgreementForms.ResidentEmail,
            ["resident.phone"] = "12 34 56 78",
            ["caseworker.name"] = AgreementForms.CaseworkerName,
            ["caseworker.email"] = AgreementForms.CaseworkerEmail,
            ["supervisors[0]"] = AgreementForms.Supervisor1,
            ["supervisors[1]"] = AgreementForms.Supervisor2,
            ["supervisors[2]"] = string.Empty,
            ["supervisors[3]"] = string.Empty,
            ["supervisors[4]"] = string.Empty,
            ["baseline.selfSufficiencyRate"] = "20",
            ["baseline.resourceDrawDkk"] = "200.000",
            ["baseline.taxPaidDkk"] = "30.000",
            ["financing.requestedDkk"] = requestedDkk.ToString("#,##0", CultureInfo.GetCultureInfo("da-DK")),
            ["financing.purpose"] = "Indskud og flytning",
            ["plannedMoveDate"] = Date(AgreementForms.Today.AddDays(60)),
            ["policy"] = "standard-v1",
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return [.. fields.Select(field => (field.Key, field.Value))];
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Text with runs of white space made one space, as a reader sees it.</summary>
    public static string Text(this INode node) =>
        System.Text.RegularExpressions.Regex.Replace(node.TextContent, @"\s+", " ").Trim();
}
