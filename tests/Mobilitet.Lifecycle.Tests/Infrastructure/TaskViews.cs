using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>What the task pages will read (the task board, the agreement list), read the way they will read it.</summary>
public static class TaskViews
{
    /// <summary>The municipality every form in these tests is for.</summary>
    public const string Municipality = "0751";

    public static Task<IReadOnlyList<CaseTask>> TasksOfAsync(this LifecycleHost host, string agreementId) =>
        host.Services.GetRequiredService<ITaskBoard>().ListForAgreementAsync(agreementId, CancellationToken.None);

    public static Task<IReadOnlyList<CaseTask>> WaitForTasksAsync(this LifecycleHost host, string agreementId, Func<IReadOnlyList<CaseTask>, bool> condition, string what, TimeSpan? deadline = null) =>
        Eventually.WaitForAsync(() => host.TasksOfAsync(agreementId), condition, what, deadline);

    public static async Task<AgreementRecord> RecordAsync(this LifecycleHost host, string agreementId) =>
        await host.Services.GetRequiredService<IAgreementRepository>().FindAsync(agreementId, CancellationToken.None)
        ?? throw new InvalidOperationException($"Agreement {agreementId} is not in the read model.");

    /// <summary>The agreement's read model once <paramref name="condition"/> holds (the task activities update it right after the board).</summary>
    public static Task<AgreementRecord> WaitForRecordAsync(this LifecycleHost host, string agreementId, Func<AgreementRecord, bool> condition, string what, TimeSpan? deadline = null) =>
        Eventually.WaitForAsync(() => host.RecordAsync(agreementId), condition, what, deadline);

    /// <summary>"Mine opgaver" for a role in the tests' municipality: every page, as listed.</summary>
    public static async Task<List<CaseTask>> BoardAsync(this LifecycleHost host, string role)
    {
        var board = host.Services.GetRequiredService<ITaskBoard>();
        List<CaseTask> tasks = [];
        string? token = null;
        do
        {
            var page = await board.ListOpenAsync(new TaskQuery([role], [Municipality]), token, 20, CancellationToken.None);
            tasks.AddRange(page.Tasks);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return tasks;
    }

    /// <summary>Whether the agreement list shows the agreement among those that need action in the tests' municipality.</summary>
    public static async Task<bool> ListedAsNeedingActionAsync(this LifecycleHost host, string agreementId)
    {
        var list = host.Services.GetRequiredService<IAgreementList>();
        var query = new AgreementQuery { MunicipalityCodes = new HashSet<string> { Municipality }, NeedsAction = true };
        string? token = null;
        do
        {
            var page = await list.QueryAsync(query, token, 50, CancellationToken.None);
            if (page.Agreements.Any(agreement => agreement.AgreementId == agreementId))
            {
                return true;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return false;
    }
}
