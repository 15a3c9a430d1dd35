using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// An update starts from the row its process last read or wrote (<see cref="RecentAgreementRows"/>): it does not read the
/// row again, and when another host (here: a second repository on the same tables) changed the row since, the update still
/// applies to the stored row, never to the remembered one.
/// </summary>
public sealed class AgreementRepositoryHostsTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private readonly TableReadCounter counter = new();

    [Fact]
    public async Task A_change_right_after_a_write_reads_nothing_and_after_a_read_nothing_again()
    {
        using var host = Host(counter);
        var agreement = Samples.Agreement();
        await host.AddAsync(agreement, None);

        counter.Reset();
        await host.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { SupervisorLevels = 3 }, None);
        Assert.Equal((0, 1), (counter.RowsRead, counter.Requests)); // the replace alone: no key of the list index moved

        await host.FindAsync(agreement.AgreementId, None);
        counter.Reset();
        await host.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(2), a => a with { SupervisorLevels = 4 }, None);
        Assert.Equal(0, counter.RowsRead);

        var stored = await Get<IAgreementRepository>().FindAsync(agreement.AgreementId, None);
        Assert.Equal((4, agreement.LastChangedAt.AddHours(2)), (stored!.SupervisorLevels, stored.LastChangedAt));
    }

    [Fact]
    public async Task A_change_made_where_another_host_changed_the_row_since_keeps_both_changes()
    {
        using var first = Host(counter);
        using var second = Host();
        var agreement = Samples.Agreement() with { SupervisorLevels = 0 };
        await first.AddAsync(agreement, None);
        var at = agreement.LastChangedAt.AddHours(1);
        await second.UpdateAsync(agreement.AgreementId, at, a => a with { Status = AgreementStatus.AwaitingFinancing, SupervisorLevels = a.SupervisorLevels + 1 }, None);

        counter.Reset();
        await first.UpdateAsync(agreement.AgreementId, at.AddHours(1), a => a with { SupervisorLevels = a.SupervisorLevels + 1 }, None);

        var stored = await Get<IAgreementRepository>().FindAsync(agreement.AgreementId, None);
        Assert.Equal((AgreementStatus.AwaitingFinancing, 2, at.AddHours(1)), (stored!.Status, stored.SupervisorLevels, stored.LastChangedAt));
        Assert.Equal(1, counter.RowsRead); // the stale guess failed its condition; the row was read once, afresh
        Assert.Single(await Get<IAgreementRepository>().ListAsync(agreement.MunicipalityCode, AgreementStatus.AwaitingFinancing, None), a => a.AgreementId == agreement.AgreementId);
    }

    [Fact]
    public async Task A_change_older_than_one_another_host_made_since_is_ignored()
    {
        using var first = Host();
        using var second = Host();
        var agreement = Samples.Agreement();
        await first.AddAsync(agreement, None);
        var later = agreement.LastChangedAt.AddDays(2);
        await second.UpdateAsync(agreement.AgreementId, later, a => a with { Status = AgreementStatus.Monitoring }, None);

        // Newer than the row the first host remembers, older than the stored one.
        await first.UpdateAsync(agreement.AgreementId, later.AddDays(-1), a => a with { Status = AgreementStatus.AwaitingMove }, None);

        var stored = await Get<IAgreementRepository>().FindAsync(agreement.AgreementId, None);
        Assert.Equal((AgreementStatus.Monitoring, later), (stored!.Status, stored.LastChangedAt));
    }

    [Fact]
    public async Task A_task_summary_equal_to_the_remembered_one_is_still_written_when_the_stored_one_differs()
    {
        using var first = Host();
        using var second = Host();
        var agreement = Samples.BareAgreement() with { Status = AgreementStatus.Monitoring };
        await first.AddAsync(agreement, None);
        Assert.Equal(0, (await first.FindAsync(agreement.AgreementId, None))!.OpenTaskCount);
        var due = agreement.CreatedAt.AddDays(10);
        Assert.True(await second.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(new TaskSummary(1, due)), None));

        Assert.True(await first.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(TaskSummary.None), None));

        var stored = await Get<IAgreementRepository>().FindAsync(agreement.AgreementId, None);
        Assert.Equal((0, (DateTimeOffset?)null), (stored!.OpenTaskCount, stored.EarliestTaskDueAt));
    }

    [Fact]
    public async Task Changing_an_agreement_another_host_removed_fails_as_an_unknown_one_does()
    {
        using var first = Host();
        using var second = Host();
        var agreement = Samples.Agreement();
        await first.AddAsync(agreement, None);
        await second.RemoveAsync(agreement.AgreementId, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            first.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { Status = AgreementStatus.Cancelled }, None));
        Assert.False(await first.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(TaskSummary.None), None));
        Assert.Null(await Get<IAgreementRepository>().FindAsync(agreement.AgreementId, None));
    }

    /// <summary>A repository of its own over this test's tables, as another host's would be; counting its requests if asked.</summary>
    private TableAgreementRepository Host(TableReadCounter? requests = null)
    {
        var options = new TableClientOptions();
        if (requests is not null)
        {
            options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        }

        return new TableAgreementRepository(
            new TableServiceClient(Azurite.ConnectionString, options),
            Get<IOptions<StorageOptions>>(),
            NullLogger<TableAgreementRepository>.Instance);
    }
}
