using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The audit log records every decision with who took it, in which role, when and what, beside every view of personal
/// data; administrators read a day of it as JSON, on the page, or as CSV; nothing can change or delete an entry. Days last
/// an hour, so no timer moves the agreement: only the people in the test do.
/// </summary>
public sealed class AuditTrailTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private static readonly string Caseworker = TestIdentities.Person("cw-audit", [Roles.Caseworker], "0751");
    private static readonly string Approver = TestIdentities.Person("fa-audit", [Roles.FinanceApprover], "0751");
    private static readonly string Administrator = TestIdentities.Person("admin-audit", [Roles.Administrator]);

    private AgreementApi As(string principal) => new(new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(principal));

    [Fact]
    public async Task Every_step_a_person_takes_is_audited_with_who_in_which_role_and_what_and_the_day_downloads_as_csv()
    {
        var caseworker = As(Caseworker);
        var id = await caseworker.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await caseworker.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");
        await As(Approver).StepAsync(id, "financing", Steps.Financing("approved", 45_000m, "Godkendt: beboeren har job i sigte."));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await caseworker.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
        await host.WaitForStatusAsync(id, "Monitoring");
        await caseworker.StepAsync(id, "measurements", AgreementForms.OnTrack("M3"));
        using (await caseworker.Api.GetAsync(new Uri($"/api/agreements/{id}/personal-data", UriKind.Relative)))
        {
        }

        await caseworker.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");

        var admin = As(Administrator).Api;
        using var json = await admin.GetAsync(new Uri("/api/audit", UriKind.Relative));
        var entries = JsonNode.Parse(await json.Content.ReadAsStringAsync())!.AsArray().Where(entry => entry.Text("agreementId") == id).Reverse().ToList();
        Assert.Equal(
            [
                ("AgreementCreated", "cw-audit", "source=form"),
                ("ConsentRecorded", "cw-audit", "subject=consent;decision=given"),
                ("FinancingDecided", "fa-audit", "subject=financing;approvedDkk=45000;decision=approved"),
                ("MoveRecorded", "cw-audit", null),
                ("MeasurementRecorded", "cw-audit", "milestone=M3"),
                ("ViewedPersonalData", "cw-audit", null),
                ("AgreementCancelled", "cw-audit", null),
            ],
            entries.Select(entry => (entry.Text("action")!, entry.Text("userId")!, entry.Text("action") == "MoveRecorded" ? null : entry!["detail"]?.GetValue<string>())));
        Assert.StartsWith("subject=move;movedOn=", entries[3].Text("detail"), StringComparison.Ordinal);
        Assert.Equal(["finance-approver"], entries[2]!["roles"]!.AsArray().Select(role => role!.GetValue<string>()));

        // Nothing personal or free-text reaches the log: not the resident, not the approver's or the caseworker's reasons.
        var all = string.Join('\n', entries.Select(entry => entry!.ToJsonString()));
        foreach (var secret in new[] { "010190", AgreementForms.ResidentName, AgreementForms.ResidentEmail, "job i sigte", "Testen er færdig" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        using var csv = await admin.GetAsync(new Uri($"/api/audit?date={AgreementForms.Today:yyyy-MM-dd}&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tidspunkt (UTC);Bruger-id;Roller;Handling;Handling (kode);Flytteaftale;Detaljer", lines[0]);
        Assert.Contains(lines, line => line.Contains(";fa-audit;finance-approver;Afgjorde finansieringen;FinancingDecided;" + id + ";\"subject=financing;approvedDkk=45000;decision=approved\"", StringComparison.Ordinal)); // quoted: it holds the separator
        Assert.Equal(7, lines.Count(line => line.Contains(id, StringComparison.Ordinal)));

        // The log has one endpoint, and it only reads; only administrators may.
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Post, HttpMethod.Patch })
        {
            using var change = await admin.SendAsync(new HttpRequestMessage(method, new Uri("/api/audit", UriKind.Relative)) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
            Assert.Equal(HttpStatusCode.MethodNotAllowed, change.StatusCode);
        }

        using var refused = await caseworker.Api.GetAsync(new Uri("/api/audit?format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var after = await admin.GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Equal(7, JsonNode.Parse(await after.Content.ReadAsStringAsync())!.AsArray().Count(entry => entry.Text("agreementId") == id));
    }
}
