using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class AgreementRepositoryTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IAgreementRepository Repository => Get<IAgreementRepository>();

    [Fact]
    public async Task Added_agreement_is_found_by_id_with_every_property_intact()
    {
        var agreement = Samples.Agreement();
        await Repository.AddAsync(agreement, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);

        Assert.Equal(agreement, found);
        Assert.Equal(0.4230769230769230769230769231m, found!.Baseline!.SelfSufficiencyRate);
        Assert.Equal(agreement.DayLength.Ticks, found.DayLength.Ticks);
        Assert.Equal(agreement.EarliestTaskDueAt!.Value.UtcTicks, found.NextDueAt!.Value.UtcTicks);
        Assert.Equal(agreement.NextMilestoneAt!.Value.UtcTicks, found.NextMilestoneAt!.Value.UtcTicks);
    }

    [Fact]
    public async Task Task_summaries_set_concurrently_after_each_task_count_every_task()
    {
        var agreement = Samples.BareAgreement() with { Status = AgreementStatus.Monitoring };
        await Repository.AddAsync(agreement, None);
        var board = Get<ITaskBoard>();
        var tasks = Enumerable.Range(0, 8).Select(i => Samples.Task(
            agreement.AgreementId,
            TaskKind.EscalationToDecide,
            dueInDays: 20 - i,
            escalationId: Escalations.EscalationIds.For(agreement.AgreementId, $"m{i}"))).ToList();

        // As concurrent activities do: change the board, then refresh the agreement from it.
        await Task.WhenAll(tasks.Select(task => Task.Run(async () =>
        {
            await board.OpenAsync(task, None);
            Assert.True(await board.RefreshAgreementAsync(Repository, agreement.AgreementId, None));
        })));

        var found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(tasks.Count, found!.OpenTaskCount);
        Assert.Equal(tasks.Min(task => task.DueAt), found.EarliestTaskDueAt);
        Assert.True(found.NeedsAction);
        Assert.Equal(agreement.LastChangedAt, found.LastChangedAt);

        await Task.WhenAll(tasks.Select(task => Task.Run(async () =>
        {
            await board.CloseAsync(agreement.AgreementId, task.TaskId, task.OpenedAt.AddHours(1), None);
            await board.RefreshAgreementAsync(Repository, agreement.AgreementId, None);
        })));

        found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal((0, null, false), (found!.OpenTaskCount, found.EarliestTaskDueAt, found.NeedsAction));
    }

    [Fact]
    public async Task A_task_summary_for_an_unknown_agreement_is_not_written()
    {
        Assert.False(await Repository.SetTaskSummaryAsync(AgreementIds.New(), _ => Task.FromResult(TaskSummary.None), None));
    }

    [Fact]
    public async Task Agreement_without_optional_fields_round_trips_as_nulls()
    {
        var agreement = Samples.BareAgreement();
        await Repository.AddAsync(agreement, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);

        Assert.Equal(agreement, found);
        Assert.Null(found!.Baseline);
        Assert.Null(found.FinancingRoute);
    }

    [Fact]
    public async Task Unknown_id_is_not_found()
    {
        Assert.Null(await Repository.FindAsync(AgreementIds.New(), None));
    }

    [Fact]
    public async Task Adding_the_same_agreement_again_keeps_one_row_and_never_undoes_later_changes()
    {
        var agreement = Samples.Agreement(Samples.Aarhus);
        await Repository.AddAsync(agreement, None);
        await Repository.UpdateAsync(agreement.AgreementId, agreement.CreatedAt.AddHours(1), a => a with { Status = AgreementStatus.AwaitingFinancing }, None);

        await Repository.AddAsync(agreement, None);

        var listed = await Repository.ListAsync(Samples.Aarhus, null, None);
        var row = Assert.Single(listed, a => a.AgreementId == agreement.AgreementId);
        Assert.Equal(AgreementStatus.AwaitingFinancing, row.Status);
    }

    [Fact]
    public async Task Adding_an_existing_id_in_another_municipality_is_refused()
    {
        var agreement = Samples.Agreement(Samples.Copenhagen);
        await Repository.AddAsync(agreement, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Repository.AddAsync(agreement with { MunicipalityCode = Samples.Aarhus }, None));

        Assert.Equal(Samples.Copenhagen, (await Repository.FindAsync(agreement.AgreementId, None))!.MunicipalityCode);
        Assert.DoesNotContain(await Repository.ListAsync(Samples.Aarhus, null, None), a => a.AgreementId == agreement.AgreementId);
    }

    [Fact]
    public async Task List_by_municipality_and_status_returns_exactly_the_matching_agreements()
    {
        var copenhagenWaiting = Samples.Agreement(Samples.Copenhagen, AgreementStatus.AwaitingMove);
        var copenhagenMonitoring = Samples.Agreement(Samples.Copenhagen, AgreementStatus.Monitoring);
        var aarhusWaiting = Samples.Agreement(Samples.Aarhus, AgreementStatus.AwaitingMove);
        foreach (var agreement in new[] { copenhagenWaiting, copenhagenMonitoring, aarhusWaiting })
        {
            await Repository.AddAsync(agreement, None);
        }

        var inCopenhagen = await Repository.ListAsync(Samples.Copenhagen, null, None);
        var waitingInCopenhagen = await Repository.ListAsync(Samples.Copenhagen, AgreementStatus.AwaitingMove, None);
        var waitingAnywhere = await Repository.ListAsync(null, AgreementStatus.AwaitingMove, None);
        var all = await Repository.ListAsync(null, null, None);

        Assert.All(inCopenhagen, a => Assert.Equal(Samples.Copenhagen, a.MunicipalityCode));
        Assert.Contains(copenhagenWaiting, inCopenhagen);
        Assert.Contains(copenhagenMonitoring, inCopenhagen);

        Assert.All(waitingInCopenhagen, a => Assert.Equal((Samples.Copenhagen, AgreementStatus.AwaitingMove), (a.MunicipalityCode, a.Status)));
        Assert.Contains(copenhagenWaiting, waitingInCopenhagen);

        Assert.All(waitingAnywhere, a => Assert.Equal(AgreementStatus.AwaitingMove, a.Status));
        Assert.Contains(copenhagenWaiting, waitingAnywhere);
        Assert.Contains(aarhusWaiting, waitingAnywhere);

        Assert.Superset(
            new HashSet<string> { copenhagenWaiting.AgreementId, copenhagenMonitoring.AgreementId, aarhusWaiting.AgreementId },
            all.Select(a => a.AgreementId).ToHashSet());
    }

    [Fact]
    public async Task Update_applies_the_change_and_records_when()
    {
        var agreement = Samples.Agreement();
        await Repository.AddAsync(agreement, None);
        var at = agreement.LastChangedAt.AddMinutes(5);

        await Repository.UpdateAsync(agreement.AgreementId, at, a => a with { Status = AgreementStatus.Monitoring, MovedOn = new DateOnly(2025, 7, 1) }, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(agreement with { Status = AgreementStatus.Monitoring, MovedOn = new DateOnly(2025, 7, 1), LastChangedAt = at }, found);
        Assert.Single(await Repository.ListAsync(agreement.MunicipalityCode, AgreementStatus.Monitoring, None), a => a.AgreementId == agreement.AgreementId);
    }

    [Fact]
    public async Task A_change_older_than_the_last_one_is_ignored()
    {
        var agreement = Samples.Agreement();
        await Repository.AddAsync(agreement, None);
        var later = agreement.LastChangedAt.AddDays(2);
        await Repository.UpdateAsync(agreement.AgreementId, later, a => a with { Status = AgreementStatus.Monitoring }, None);

        await Repository.UpdateAsync(agreement.AgreementId, later.AddTicks(-1), a => a with { Status = AgreementStatus.AwaitingMove }, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(AgreementStatus.Monitoring, found!.Status);
        Assert.Equal(later, found.LastChangedAt);
    }

    [Fact]
    public async Task A_fact_recorded_after_a_later_change_still_lands_and_leaves_that_change_and_its_time()
    {
        // The move's activity overtaken by the next step's (Monitoring), as a crash storm showed: the move date must not be lost.
        var agreement = Samples.Agreement() with { Status = AgreementStatus.AwaitingMove, MovedOn = null };
        await Repository.AddAsync(agreement, None);
        var moved = agreement.LastChangedAt.AddDays(1);
        await Repository.UpdateAsync(agreement.AgreementId, moved.AddSeconds(2), a => a with { Status = AgreementStatus.Monitoring }, None);

        await Repository.RecordFactAsync(agreement.AgreementId, moved, a => a with { MovedOn = new DateOnly(2027, 3, 1) }, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal((new DateOnly(2027, 3, 1), AgreementStatus.Monitoring, moved.AddSeconds(2)), (found!.MovedOn, found.Status, found.LastChangedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Repository.RecordFactAsync(AgreementIds.New(), moved, a => a, None));
    }

    [Fact]
    public async Task A_change_at_the_same_time_as_the_last_one_is_applied()
    {
        var agreement = Samples.Agreement();
        await Repository.AddAsync(agreement, None);

        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt, a => a with { Status = AgreementStatus.Cancelled }, None);

        Assert.Equal(AgreementStatus.Cancelled, (await Repository.FindAsync(agreement.AgreementId, None))!.Status);
    }

    [Fact]
    public async Task Concurrent_updates_are_all_applied()
    {
        var agreement = Samples.Agreement() with { SupervisorLevels = 0 };
        await Repository.AddAsync(agreement, None);
        const int writers = 8;
        var at = agreement.LastChangedAt.AddHours(1);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            Repository.UpdateAsync(agreement.AgreementId, at, a => a with { SupervisorLevels = a.SupervisorLevels + 1 }, None))));

        Assert.Equal(writers, (await Repository.FindAsync(agreement.AgreementId, None))!.SupervisorLevels);
    }

    [Fact]
    public async Task Erasing_the_baseline_through_an_update_leaves_no_baseline()
    {
        var agreement = Samples.Agreement();
        await Repository.AddAsync(agreement, None);

        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddDays(1), a => a with { Baseline = null }, None);

        var found = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Null(found!.Baseline);
        Assert.Throws<InvalidOperationException>(() => found.RequireBaseline());
    }

    [Fact]
    public async Task Updating_an_unknown_agreement_fails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Repository.UpdateAsync(AgreementIds.New(), Samples.Created, a => a with { Status = AgreementStatus.Completed }, None));
    }

    [Fact]
    public async Task A_change_cannot_move_an_agreement_to_another_municipality()
    {
        var agreement = Samples.Agreement(Samples.Copenhagen);
        await Repository.AddAsync(agreement, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { MunicipalityCode = Samples.Aarhus }, None));

        Assert.Equal(agreement, await Repository.FindAsync(agreement.AgreementId, None));
    }

    [Fact]
    public async Task Remove_deletes_the_agreement_and_its_index_row()
    {
        var agreement = Samples.Agreement(Samples.Copenhagen);
        await Repository.AddAsync(agreement, None);

        await Repository.RemoveAsync(agreement.AgreementId, None);
        await Repository.RemoveAsync(agreement.AgreementId, None);

        Assert.Null(await Repository.FindAsync(agreement.AgreementId, None));
        Assert.DoesNotContain(await Repository.ListAsync(Samples.Copenhagen, null, None), a => a.AgreementId == agreement.AgreementId);

        // The index row is gone too: the id can be used again, even in another municipality.
        var again = agreement with { MunicipalityCode = Samples.Aarhus };
        await Repository.AddAsync(again, None);
        Assert.Equal(again, await Repository.FindAsync(agreement.AgreementId, None));
    }

    [Fact]
    public async Task Ids_that_are_not_key_safe_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.FindAsync("fa-1/../x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.AddAsync(Samples.Agreement() with { MunicipalityCode = "01#1" }, None));
    }
}
