using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// Issue 9, point 3: the history each orchestration generation replays over a full 36-month lifecycle with the
/// real number of timer splits — a 100 ms policy day with the worker's MaximumTimerInterval (3 days) compressed
/// by the same factor — for the current workflow (1.2, generations) beside 1.1 (one history), in one run.
/// </summary>
internal static class HistoryStage
{
    public const string Name = "history";

    private static readonly TimeSpan Day = TimeSpan.FromMilliseconds(100);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        Console.WriteLine($"{Name}: one agreement on {WorkflowVersions.TaskBoard} and one on {WorkflowVersions.Current}, 36 months at {Day.TotalMilliseconds} ms a day ...");
        var onOneHistory = RunOneAsync(context, WorkflowVersions.TaskBoard);
        var inGenerations = RunOneAsync(context, WorkflowVersions.Current);
        var (oldMax, oldGenerations, oldTotal) = await onOneHistory;
        var (max, generations, total) = await inGenerations;
        return
        [
            new Measurement(Name, $"{WorkflowVersions.Current} vs {WorkflowVersions.TaskBoard}, real timer splits", "max events/generation", max, oldMax, "≤ 200 abs"),
            new Measurement(Name, $"{WorkflowVersions.Current} vs {WorkflowVersions.TaskBoard}, real timer splits", "generations", generations, oldGenerations),
            new Measurement(Name, $"{WorkflowVersions.Current} vs {WorkflowVersions.TaskBoard}, real timer splits", "events, all generations", total, oldTotal),
        ];
    }

    private static async Task<(int Max, int Generations, int Total)> RunOneAsync(BenchmarkContext context, string version)
    {
        var meter = new HistoryMeter();
        await using var host = await BenchmarkHost.StartAsync(EngineProvider.InMemory, Day, context.Azurite.ConnectionString, services =>
        {
            meter.AttachTo(services);
            var timerIntervalDays = new DurableTaskWorkerOptions().MaximumTimerInterval / TimeSpan.FromDays(1);
            services.Configure<DurableTaskWorkerOptions>(options => options.MaximumTimerInterval = Day * timerIntervalDays);
            services.PostConfigureAll<DurableTaskClientOptions>(options => options.DefaultVersion = version);
        });
        using var clients = new SemaphoreSlim(1);
        await ScriptedAgreement.RunAsync(host, TimeSpan.FromMinutes(15), clients);
        var generations = meter.All.Where(g => g.Name == "AgreementLifecycle").ToList();
        return (generations.Max(g => g.ReplayedEvents), generations.Count, generations.Sum(g => g.ReplayedEvents));
    }
}
