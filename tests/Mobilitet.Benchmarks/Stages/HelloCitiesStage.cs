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

            var ids = new string[Instances];
            var seconds = await Timing.SecondsAsync(Instances, async i =>
            {
                ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(Orchestration);
                using var wait = new CancellationTokenSource(TimeSpan.FromHours(1));
                var done = await client.WaitForInstanceCompletionAsync(ids[i], wait.Token);
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{ids[i]} ended {done.RuntimeStatus}");
                }
            });
            await host.StopAsync();

            results.Add(new Measurement(Name, $"{provider} N={Instances}", "orchestrations/s", Instances / seconds));
            results.Add(new Measurement(Name, $"{provider} N={Instances}", "activity work items/s", Instances * Cities.Length / seconds));
        }

        return results;
    }
}
