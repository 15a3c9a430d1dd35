using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class TaskBoardTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private readonly MovableClock clock = new();

    /// <summary>A closing after the sample tasks' opening.</summary>
    private static readonly DateTimeOffset Later = Samples.Created.AddHours(1);

    private ITaskBoard Board => Get<ITaskBoard>();

    // Each test its own municipality, so lists see only that test's tasks.
    private static string NewMunicipality() => Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    [Fact]
    public async Task An_open_task_is_listed_for_its_role_and_municipality_and_under_its_agreement()
    {
        var municipality = NewMunicipality();
        var task = Samples.Task(AgreementIds.New(), TaskKind.ConsentToRecord, municipality: municipality);

        await Board.OpenAsync(task, None);

        var page = await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None);
        Assert.Equal([task], page.Tasks);
        Assert.Null(page.ContinuationToken);
        Assert.Equal([task], await Board.ListForAgreementAsync(task.AgreementId, None));
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Supervisor, Roles.FinanceApprover], [municipality]), null, 10, None)).Tasks);
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [NewMunicipality()]), null, 10, None)).Tasks);
    }

    [Fact]
    public async Task Opening_a_task_again_keeps_one_task_with_the_new_due_date_and_its_first_opening()
    {
        var municipality = NewMunicipality();
        var agreementId = AgreementIds.New();
        var escalationId = Escalations.EscalationIds.For(agreementId, "move");
        var level1 = Samples.Task(agreementId, TaskKind.EscalationToDecide, dueInDays: 5, municipality, escalationId: escalationId);
        var level2 = level1 with { DueAt = level1.DueAt.AddDays(5), DueDate = level1.DueDate.AddDays(5), Level = 2, OpenedAt = level1.OpenedAt.AddDays(5) };

        await Board.OpenAsync(level1, None);
        await Board.OpenAsync(level1, None);
        await Board.OpenAsync(level2, None);
        await Board.OpenAsync(level2, None);
        Assert.False(await Board.OpenAsync(level1, None)); // level 1's activity, run again late: level 2 stands

        var expected = level2 with { OpenedAt = level1.OpenedAt };
        Assert.Equal([expected], (await Board.ListOpenAsync(new TaskQuery([Roles.Supervisor], [municipality]), null, 10, None)).Tasks);
        Assert.Equal([expected], await Board.ListForAgreementAsync(agreementId, None));
        Assert.Single(await BoardRowsAsync(municipality, Roles.Supervisor));
    }

    [Fact]
    public async Task Tasks_are_listed_due_first_across_municipalities_and_roles_page_by_page()
    {
        var (north, south) = (NewMunicipality(), NewMunicipality());
        List<CaseTask> tasks = [];
        for (var i = 0; i < 13; i++)
        {
            var kind = i % 3 == 0 ? TaskKind.FinancingToDecide : TaskKind.MoveToRecord;
            tasks.Add(Samples.Task(AgreementIds.New(), kind, dueInDays: (i * 7 % 13) - 4, municipality: i % 2 == 0 ? north : south));
        }

        foreach (var task in tasks)
        {
            await Board.OpenAsync(task, None);
        }

        var query = new TaskQuery([Roles.Caseworker, Roles.FinanceApprover], [north, south]);
        List<CaseTask> listed = [];
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Board.ListOpenAsync(query, token, 5, None);
            Assert.True(page.Tasks.Count <= 5);
            listed.AddRange(page.Tasks);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(tasks.OrderBy(t => t.DueAt).ThenBy(t => t.AgreementId, StringComparer.Ordinal), listed);
        Assert.True(listed[0].IsOverdue(Samples.Created));
    }

    [Fact]
    public async Task Closing_is_idempotent_and_takes_the_task_off_both_views()
    {
        var municipality = NewMunicipality();
        var agreementId = AgreementIds.New();
        var consent = Samples.Task(agreementId, TaskKind.ConsentToRecord, municipality: municipality);
        var data = Samples.Task(agreementId, TaskKind.MeasurementDataMissing, dueInDays: 100, municipality, milestone: Milestone.M3);
        await Board.OpenAsync(consent, None);
        await Board.OpenAsync(data, None);

        await Board.CloseAsync(agreementId, consent.TaskId, Later, None);
        await Board.CloseAsync(agreementId, consent.TaskId, Later, None);
        await Board.CloseAsync(agreementId, CaseTask.IdFor(TaskKind.FinancingToDecide), Later, None);

        Assert.Equal([data], await Board.ListForAgreementAsync(agreementId, None));
        Assert.Equal([data], (await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None)).Tasks);
        Assert.Equal("MeasurementDataMissing:M3", data.TaskId);
    }

    [Fact]
    public async Task Closing_all_or_erasing_removes_every_task_of_that_agreement_and_no_other()
    {
        var municipality = NewMunicipality();
        var (first, second, other) = (AgreementIds.New(), AgreementIds.New(), AgreementIds.New());
        foreach (var id in new[] { first, second, other })
        {
            await Board.OpenAsync(Samples.Task(id, TaskKind.ConsentToRecord, municipality: municipality), None);
            await Board.OpenAsync(Samples.Task(id, TaskKind.FinancingToDecide, municipality: municipality), None);
        }

        await Board.CloseAllAsync(first, Later, None);
        await Board.EraseAsync(second, None);
        await Board.EraseAsync(second, None);

        Assert.Empty(await Board.ListForAgreementAsync(first, None));
        Assert.Empty(await Board.ListForAgreementAsync(second, None));
        Assert.Equal(2, (await Board.ListForAgreementAsync(other, None)).Count);
        var listed = await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker, Roles.FinanceApprover], [municipality]), null, 10, None);
        Assert.All(listed.Tasks, task => Assert.Equal(other, task.AgreementId));
        Assert.Equal(2, listed.Tasks.Count);
        Assert.Equal(2, (await BoardRowsAsync(municipality, Roles.Caseworker)).Count + (await BoardRowsAsync(municipality, Roles.FinanceApprover)).Count);
    }

    [Fact]
    public async Task An_opening_from_before_the_closing_delivered_late_changes_nothing_and_a_later_opening_reopens()
    {
        var municipality = NewMunicipality();
        var move = Samples.Task(AgreementIds.New(), TaskKind.MoveToRecord, municipality: municipality);
        Assert.True(await Board.OpenAsync(move, None));
        await Board.CloseAsync(move.AgreementId, move.TaskId, Later, None);

        // The engine runs the opening's activity again after the workflow closed the task (a crash in between).
        Assert.False(await Board.OpenAsync(move, None));
        Assert.False(await Board.OpenAsync(move with { OpenedAt = Later }, None));

        Assert.Empty(await Board.ListForAgreementAsync(move.AgreementId, None));
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None)).Tasks);
        Assert.Empty(await BoardRowsAsync(municipality, Roles.Caseworker));

        // The workflow opens the task again later: a new task, opened then.
        var reopened = move with { OpenedAt = Later.AddMinutes(1), DueAt = move.DueAt.AddDays(3), DueDate = move.DueDate.AddDays(3) };
        Assert.True(await Board.OpenAsync(reopened, None));
        Assert.Equal([reopened], await Board.ListForAgreementAsync(move.AgreementId, None));
        Assert.Equal([reopened], (await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None)).Tasks);
    }

    [Fact]
    public async Task A_closing_delivered_late_leaves_a_later_opening_open_and_a_task_closed_before_its_opening_ran_stays_closed()
    {
        var municipality = NewMunicipality();
        var data = Samples.Task(AgreementIds.New(), TaskKind.MeasurementDataMissing, municipality: municipality, milestone: Milestone.M3);
        var reopened = data with { OpenedAt = Later.AddMinutes(1) };
        await Board.OpenAsync(data, None);
        await Board.CloseAsync(data.AgreementId, data.TaskId, Later, None);
        await Board.OpenAsync(reopened, None);

        await Board.CloseAsync(data.AgreementId, data.TaskId, Later, None); // the first closing's activity, run again

        Assert.Equal([reopened], await Board.ListForAgreementAsync(data.AgreementId, None));

        // Closed before its opening's activity ran at all (the workflow went on without waiting for a lost episode's work).
        var consent = Samples.Task(AgreementIds.New(), TaskKind.ConsentToRecord, municipality: municipality);
        await Board.CloseAllAsync(consent.AgreementId, Later, None);
        await Board.CloseAsync(consent.AgreementId, consent.TaskId, Later, None);
        Assert.False(await Board.OpenAsync(consent, None));
        Assert.Empty(await Board.ListForAgreementAsync(consent.AgreementId, None));

        // Erasing removes the closings too.
        await Board.EraseAsync(consent.AgreementId, None);
        Assert.True(await Board.OpenAsync(consent, None));
    }

    [Fact]
    public async Task An_opening_and_its_closing_racing_always_end_closed()
    {
        var municipality = NewMunicipality();
        var tasks = Enumerable.Range(0, 12).Select(_ => Samples.Task(AgreementIds.New(), TaskKind.MoveToRecord, municipality: municipality)).ToList();

        await Task.WhenAll(tasks.SelectMany(task => new[]
        {
            Task.Run(() => Board.OpenAsync(task, None)),
            Task.Run(() => Board.CloseAsync(task.AgreementId, task.TaskId, Later, None)),
            Task.Run(() => Board.OpenAsync(task, None)),
        }));

        foreach (var task in tasks)
        {
            Assert.Empty(await Board.ListForAgreementAsync(task.AgreementId, None));
        }

        clock.Offset = TimeSpan.FromMinutes(10); // a board row written beside a refused agreement-row write is stale by now
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 50, None)).Tasks);
    }

    [Fact]
    public async Task A_crash_between_the_two_writes_of_an_open_leaves_no_wrong_task_and_the_retry_heals_it()
    {
        var municipality = NewMunicipality();
        var first = Samples.Task(AgreementIds.New(), TaskKind.MoveToRecord, dueInDays: 1, municipality: municipality);
        var moved = first with { DueAt = first.DueAt.AddDays(9), DueDate = first.DueDate.AddDays(9) };
        await Board.OpenAsync(first, None);
        var oldBoardRow = (await BoardRowsAsync(municipality, Roles.Caseworker)).Single();

        // The due date moved: the agreement's row and the new board row were written, then the process
        // died before the old board row was removed.
        await Board.OpenAsync(moved, None);
        await BoardTable.UpsertEntityAsync(oldBoardRow, TableUpdateMode.Replace);
        Assert.Equal(2, (await BoardRowsAsync(municipality, Roles.Caseworker)).Count);

        var listed = await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None);
        Assert.Equal([moved], listed.Tasks);

        // A close that died after the agreement's row became a closing: its board row is skipped too.
        await Board.CloseAsync(moved.AgreementId, moved.TaskId, Later, None);
        await BoardTable.UpsertEntityAsync(oldBoardRow, TableUpdateMode.Replace);
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None)).Tasks);

        // Young stale rows are only skipped (a write may be under way); once old, a read deletes them.
        Assert.Single(await BoardRowsAsync(municipality, Roles.Caseworker));
        clock.Offset = TimeSpan.FromMinutes(10);
        Assert.Empty((await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), null, 10, None)).Tasks);
        Assert.Empty(await BoardRowsAsync(municipality, Roles.Caseworker));
    }

    [Fact]
    public async Task A_page_of_stale_rows_still_ends_and_pages_stay_in_due_order()
    {
        var municipality = NewMunicipality();
        var live = Samples.Task(AgreementIds.New(), TaskKind.ConsentToRecord, dueInDays: 50, municipality: municipality);
        await Board.OpenAsync(live, None);
        for (var i = 0; i < 6; i++)
        {
            var ghost = Samples.Task(AgreementIds.New(), TaskKind.ConsentToRecord, dueInDays: i, municipality: municipality);
            await BoardTable.UpsertEntityAsync(new TableEntity(TableTaskBoard.BoardPartition(municipality, Roles.Caseworker), TableTaskBoard.BoardRowKey(ghost))
            {
                ["AgreementId"] = ghost.AgreementId,
                ["TaskId"] = ghost.TaskId,
            });
        }

        List<CaseTask> listed = [];
        string? token = null;
        do
        {
            var page = await Board.ListOpenAsync(new TaskQuery([Roles.Caseworker], [municipality]), token, 1, None);
            listed.AddRange(page.Tasks);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([live], listed);
    }

    [Fact]
    public async Task A_user_sees_the_tasks_of_their_roles_in_their_municipalities()
    {
        var (mine, theirs) = (NewMunicipality(), NewMunicipality());
        var consent = Samples.Task(AgreementIds.New(), TaskKind.ConsentToRecord, municipality: mine);
        var financing = Samples.Task(AgreementIds.New(), TaskKind.FinancingToDecide, municipality: mine);
        var elsewhere = Samples.Task(AgreementIds.New(), TaskKind.FinancingToDecide, municipality: theirs);
        foreach (var task in new[] { consent, financing, elsewhere })
        {
            await Board.OpenAsync(task, None);
        }

        var approver = TaskQuery.ForUser(Samples.User(Roles.FinanceApprover, mine));
        var monitoring = TaskQuery.ForUser(Samples.User(Roles.Monitoring, mine));

        Assert.Equal([financing], (await Board.ListOpenAsync(approver, null, 10, None)).Tasks);
        Assert.Empty((await Board.ListOpenAsync(monitoring, null, 10, None)).Tasks);
    }

    [Fact]
    public async Task Bad_input_is_refused()
    {
        var task = Samples.Task(AgreementIds.New());
        var query = new TaskQuery([Roles.Caseworker], [Samples.Copenhagen]);

        await Assert.ThrowsAsync<ArgumentException>(() => Board.OpenAsync(task with { Role = Roles.Supervisor }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.ListOpenAsync(query, "bm90IGEgdG9rZW4", 10, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.ListOpenAsync(query, "%%%", 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.ListOpenAsync(query, null, 0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.ListOpenAsync(query, null, ITaskBoard.MaxPageSize + 1, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.ListForAgreementAsync("fa-1/x", None));
    }

    private TableClient BoardTable =>
        Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.TaskBoard));

    private async Task<List<TableEntity>> BoardRowsAsync(string municipality, string role)
    {
        List<TableEntity> rows = [];
        await foreach (var row in BoardTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableTaskBoard.BoardPartition(municipality, role)}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
