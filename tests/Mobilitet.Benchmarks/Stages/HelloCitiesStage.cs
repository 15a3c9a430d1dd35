using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// The published Durable Functions performance shape "HelloCities5": one orchestration calling 5 trivial
/// activities in sequence, 5,000 instances started at once, on the local engine as it is configured for the
/// host (EngineOptions). Reported as orchestrations and activity work items per second, to set beside the
/// published figure for the Azure Storage backend (about 250 work items per second per worker).
/// </summary>
internal static class HelloCitiesStage
{
    public const string Name = "hellocities";
    private const int Instances = 5_000;
    private const string Orchestration = "HelloCities5";
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Aarhus", "Odense"];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        var results = new List<Measurement>();
        foreach (var provider in context.Options.Providers)
        {
            Console.WriteLine($"{Name}: {provider}, {Instances} instances ...");
            var builder = Host.CreateApplicationBuilder();
            BenchmarkLogging.Configure(builder.Logging);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engine:Provider"] = provider.ToString(),
                ["Engine:TaskHub"] = BenchmarkHost.TaskHubName(AzuriteFixture.NewTablePrefix()),
                ["Storage:ConnectionString"] = context.Azurite.ConnectionString,
            });
            builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry
                .AddActivityFunc<string, string>("SayHello", (_, city) => $"Hello {city}!")
                .AddOrchestratorFunc<string?, List<string>>(Orchestration, async (orchestration, _) =>
                {
                    var greetings = new List<string>();
                    foreach (var city in Cities)
                    {
                        greetings.Add(await orchestration.CallActivityAsync<string>("SayHello", city));
                    }

                    return greetings;
                }));
            using var host = builder.Build();
            await host.StartAsync();
            var client = host.Services.GetRequiredService<DurableTaskClient>();

            // All instances are started at once, then counted as they complete with one paged query every few seconds:
            // 5,000 clients each waiting on its own instance would poll the Instances table thousands of times a second,
            // and on Azurite (one Node process) that polling, not the engine, would set the pace.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var startedFrom = DateTimeOffset.UtcNow.AddSeconds(-1);
            using (var starts = new SemaphoreSlim(64))
            {
                await Task.WhenAll(Enumerable.Range(0, Instances).Select(async _ =>
                {
                    await starts.WaitAsync();
                    try
                    {
                        await client.ScheduleNewOrchestrationInstanceAsync(Orchestration);
                    }
                    finally
                    {
                        starts.Release();
                    }
                }));
            }

            Console.WriteLine($"{Name}: {provider}: {Instances} started in {watch.Elapsed.TotalSeconds:F0} s");
            var deadline = DateTime.UtcNow + TimeSpan.FromHours(1);
            int completed, failed;
            do
            {
                await Task.Delay(CountEvery);
                (completed, failed) = await CountEndedAsync(client, startedFrom);
                Console.WriteLine($"{Name}: {provider}: {completed} completed, {failed} failed after {watch.Elapsed.TotalSeconds:F0} s");
            }
            while (completed + failed < Instances && DateTime.UtcNow < deadline);

            var seconds = watch.Elapsed.TotalSeconds;
            results.Add(new Measurement(Name, $"{provider} N={Instances}", "failed or unfinished", Instances - completed, 0));
            await host.StopAsync();

            results.Add(new Measurement(Name, $"{provider} N={Instances}", "orchestrations/s", Instances / seconds));
            results.Add(new Measurement(Name, $"{provider} N={Instances}", "activity work items/s", Instances * Cities.Length / seconds));
        }

        return results;
    }

    /// <summary>How often completions are counted; the rate is therefore known to within this much per run.</summary>
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(2);

    private static async Task<(int Completed, int Failed)> CountEndedAsync(DurableTaskClient client, DateTimeOffset createdFrom)
    {
        var completed = 0;
        var failed = 0;
        var query = new OrchestrationQuery
        {
            CreatedFrom = createdFrom,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 1000,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                completed++;
            }
            else
            {
                failed++;
            }
        }

        return (completed, failed);
    }
}
