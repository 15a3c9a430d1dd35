using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Personal data is encrypted at rest: after a whole lifecycle on the persistent engine, a resident's CPR, name, email
/// and phone are in no table row, blob or queue message of the host's storage — orchestration history included — in
/// clear text or a common encoding of it, though the system still reads them (the vault, the outbox).
/// </summary>
[WaitsMinutes]
public sealed class PersonalDataAtRestTests(AzureStorageEngineHost host) : IClassFixture<AzureStorageEngineHost>
{
    // Distinctive values, so a hit can only be this resident's.
    private const string Cpr = "150782-4983";
    private const string CprDigits = "1507824983";
    private const string Name = "Xenia Quorndrup-Vølle";
    private const string Email = "xenia.quorndrup@example.dk";
    private const string Phone = "+45 31 41 59 26";

    [Fact]
    public async Task After_a_lifecycle_no_table_blob_queue_or_history_holds_the_residents_cpr_name_email_or_phone_in_clear_text()
    {
        var id = await CompletedAgreementAsync(host);
        using (var view = await host.Api.GetAsync($"/api/agreements/{id}/personal-data"))
        {
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        // The system still has the data, and emails went to the resident: the scan below would see them if they were clear.
        var parties = await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None);
        Assert.Equal((CprDigits, Name, Email, "+4531415926"), (parties!.Resident.Cpr, parties.Resident.Name, parties.Resident.Email, parties.Resident.Phone));
        var kept = await host.Services.GetRequiredService<IOutbox>().ListAsync(1000, CancellationToken.None);
        Assert.Contains(kept, email => email.Message.AgreementId == id && email.Message.To.Contains(Email));

        var scan = await StorageScan.RunAsync(host.Prefix, Values);
        var (hits, scanned) = (scan.Hits, scan.Scanned);
        Assert.True(hits.Count == 0, $"{hits.Count} values in clear text, e.g.:\n{string.Join('\n', hits.Take(40))}");
        Assert.True(scanned.GetValueOrDefault("table") > 100, $"only {scanned.GetValueOrDefault("table")} table values scanned");
        Assert.True(scanned.GetValueOrDefault("blob") >= 5, $"only {scanned.GetValueOrDefault("blob")} blobs scanned"); // business case, reports, sent emails
        Assert.True(scanned.GetValueOrDefault("queue") >= 1, "no queue of the engine scanned");
        var scannedTables = scan.Tables;

        // The orchestration history is among what was scanned.
        Assert.Contains(host.Prefix + "hubHistory", scannedTables);
        Assert.Contains(host.Prefix + "hubInstances", scannedTables);
    }

    /// <summary>An agreement of this resident through consent, move and M3–M36 to Completed.</summary>
    internal static async Task<string> CompletedAgreementAsync(LifecycleHost host)
    {
        var form = AgreementForms.Valid(AgreementForms.Today.AddDays(30), policy: TestPolicies.UnhurriedPeople.Name);
        form["resident"] = new JsonObject { ["cpr"] = Cpr, ["name"] = Name, ["email"] = Email, ["phone"] = Phone };
        var id = await host.CreateAsync(form);
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "move", Steps.Move(await host.PolicyTodayAsync(id)));
        await host.WaitForStatusAsync(id, "Monitoring");
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);
        return id;
    }

    /// <summary>The resident's values as entered and as stored.</summary>
    internal static readonly string[] Values = [Cpr, CprDigits, Name, Email, Phone, "+4531415926", "31415926", "Quorndrup"];
}
