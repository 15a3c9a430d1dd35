using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The automatic measurement on the real engine: a milestone whose data was missing when it fell due is measured from
/// a register extract that arrives later, without anyone recording it, and its task and escalation close.
/// </summary>
public sealed class RegisterMeasurementTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private static readonly string AarhusMonitoring = TestIdentities.Person("mon-aarhus", [Roles.Monitoring], "0751");

    /// <summary>Residents of their own, so no other test's extract matches them.</summary>
    private const string UploadedResident = "150385-1234";
    private const string StoredResident = "160486-1234";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> MonitoringOfAsync(string cpr)
    {
        var form = AgreementForms.Valid(AgreementForms.Today.AddDays(30), policy: TestPolicies.UnhurriedPeople.Name); // only M3 must fall due
        form["resident"]!["cpr"] = cpr;
        var id = await host.CreateAsync(form);
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
        await host.WaitForStatusAsync(id, "Monitoring");
        return id;
    }

    private Task WaitForMissingDataEscalationAsync(string id) => host.WaitForTasksAsync(
        id,
        tasks => tasks.Any(task => task.Kind == TaskKind.EscalationToDecide) && tasks.Any(task => task.Kind == TaskKind.MeasurementDataMissing && task.Milestone == Milestone.M3),
        "M3's missing-data task and its escalation",
        Deadlines.ThroughM36);

    /// <summary>One amounts row covering M3's whole window: no weeks on support, no transfers, 15 000 kr. tax (60 000 a year).</summary>
    private static string M3Line(string cpr) =>
        $"{cpr};{Date(AgreementForms.Today)};{Date(AgreementForms.Today.AddMonths(3).AddDays(-1))};0;13;0;0;15000,00";

    /// <summary>
    /// Waits well under the host's five-minute maintenance tick, so what is tested is the wake-up at hand (the upload's,
    /// or the job run by the test), not a later run of the job on the host's own timer.
    /// </summary>
    private static readonly TimeSpan WokenWithin = TimeSpan.FromMinutes(1);

    private async Task<JsonNode> AssertMeasuredFromRegisterAsync(string id)
    {
        await host.WaitForTasksAsync(id, tasks => tasks.Count == 0, "the data task and the escalation task to close", WokenWithin);
        var agreement = await host.WaitForAsync(
            id,
            a => a.Array("measurements").Any(m => (string?)m!["milestone"] == "M3" && (string?)m["outcome"] == "OnTrack"),
            "M3 to be measured from the register data",
            WokenWithin);
        var m3 = agreement.Array("measurements").Single(m => (string?)m!["milestone"] == "M3")!;
        Assert.Equal((1m, 0m, 60_000m), ((decimal)m3["selfSufficiencyRate"]!, (decimal)m3["resourceDrawDkk"]!, (decimal)m3["netContributionDkk"]!));
        Assert.Equal("Register", (string?)m3["source"]!["origin"]);
        var escalation = agreement.Array("escalations").Single(e => (string?)e!["escalationId"] == $"{id}-esc-m3-data")!;
        Assert.Equal("ClosedBySystem", (string?)escalation["status"]);
        Assert.Contains("MilestoneMeasured", agreement.Kinds());
        return m3;
    }

    [Fact]
    public async Task Data_missing_at_M3_is_measured_from_an_extract_uploaded_later_or_rows_the_wakeup_job_finds_and_the_escalation_closes()
    {
        var uploaded = await MonitoringOfAsync(UploadedResident);
        var stored = await MonitoringOfAsync(StoredResident);
        await Task.WhenAll(WaitForMissingDataEscalationAsync(uploaded), WaitForMissingDataEscalationAsync(stored));

        // An upload through the API wakes the workflow it brings data for.
        using var client = new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(AarhusMonitoring);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ExtractParser.AmountsHeader + "\n" + M3Line(UploadedResident) + "\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/registers/extracts", content);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)report["rowsImported"]!);

        var m3 = await AssertMeasuredFromRegisterAsync(uploaded);
        var upload = Assert.Single(m3["source"]!["uploads"]!.AsArray())!;
        Assert.Equal(((string?)report["uploadId"], "Amounts", 2), ((string?)upload["uploadId"], (string?)upload["format"], (int)upload["lines"]![0]!));

        // The report page says where the numbers came from; the agreement page links to it; an unmeasured milestone has none.
        var page = await host.Api.GetStringAsync($"/aftaler/{uploaded}");
        Assert.Contains($"href=\"/aftaler/{uploaded}/maalinger/M3\"", page, StringComparison.Ordinal);
        var reportPage = await host.Api.GetStringAsync($"/aftaler/{uploaded}/maalinger/M3");
        Assert.Contains("data-source=\"register\"", reportPage, StringComparison.Ordinal);
        Assert.Contains((string)report["uploadId"]!, reportPage, StringComparison.Ordinal);
        foreach (var unmeasured in new[] { "M12", "m3", "3" })
        {
            using var notFound = await host.Api.GetAsync($"/aftaler/{uploaded}/maalinger/{unmeasured}");
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }

        // Rows stored without a wake-up (an import whose process died right after storing them): the job finds them.
        var keys = host.Services.GetRequiredService<PersonKeys>();
        var file = ExtractParser.Parse(
            new MemoryStream(Encoding.UTF8.GetBytes(ExtractParser.AmountsHeader + "\n" + M3Line(StoredResident) + "\n")),
            new ExtractUpload("imp-interrupted", DateTimeOffset.UtcNow),
            keys);
        await host.Services.GetRequiredService<IRegisterRowStore>().SaveAsync(stored, file.AmountRows, [], CancellationToken.None);
        Assert.Equal(MeasurementOutcome.MissingData, (await host.Services.GetRequiredService<IMeasurementRepository>().ListAsync(stored, CancellationToken.None)).Single().Outcome);

        await host.Services.GetRequiredService<RegisterDataWakeup>().RunAsync(host.Durable, CancellationToken.None);

        await AssertMeasuredFromRegisterAsync(stored);
        host.AssertNoPersonalDataReachedTheEngineOrLogs(uploaded);
    }
}
