using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Benchmarks;
using Mobilitet.Local;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

// Issue 9's benchmark: lifecycle throughput on the in-memory engine beside a bare-engine baseline of the same
// shape, in one process; and the history each generation replays. One command:
//   dotnet run -c Release --project tests/Mobilitet.Benchmarks -- --n 100
var options = BenchmarkOptions.Parse(args);
var results = new List<StageResult>();
var azurite = await AzuriteFixture.GetSharedAsync();

foreach (var n in options.Sizes)
{
    results.Add(await BareEngine.RunAsync(n, options.DayLength));
    results.Add(await Lifecycle.RunAsync(n, options.DayLength, azurite.ConnectionString));
}

Console.WriteLine();
Console.WriteLine($"{"stage",-10} {"N",6} {"seconds",9} {"agreements/s",13} {"max events/generation",22} {"generations",12}");
foreach (var result in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Stage,-10} {result.N,6} {result.Seconds,9:F1} {result.PerSecond,13:F1} {result.MaxEventsPerGeneration,22} {result.Generations,12}"));
}

var ratios = options.Sizes.Select(n => new
{
    N = n,
    LifecycleToBare = results.Single(r => r.Stage == Lifecycle.Name && r.N == n).PerSecond / results.Single(r => r.Stage == BareEngine.Name && r.N == n).PerSecond,
}).ToList();
foreach (var ratio in ratios)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={ratio.N}: lifecycle / bare engine = {ratio.LifecycleToBare:F3}"));
}

var report = new
{
    machine = new { processors = Environment.ProcessorCount, memoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, dotnet = Environment.Version.ToString(), os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
    dayLengthMs = options.DayLength.TotalMilliseconds,
    results,
    ratios,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
Console.WriteLine($"written: {options.Output}");
await azurite.DisposeAsync();

namespace Mobilitet.Benchmarks
{
    internal sealed record BenchmarkOptions(IReadOnlyList<int> Sizes, TimeSpan DayLength, string Output)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            var sizes = new List<int>();
            var dayMs = 5.0;
            var output = "artifacts/benchmarks.json";
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--n":
                        sizes.AddRange(args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
                        break;
                    case "--day-ms":
                        dayMs = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                        break;
                    case "--out":
                        output = args[i + 1];
                        break;
                    default:
                        throw new ArgumentException($"unknown option {args[i]} (use --n 100[,1000] --day-ms 5 --out artifacts/benchmarks.json)");
                }
            }

            return new BenchmarkOptions(sizes.Count == 0 ? [100] : sizes, TimeSpan.FromMilliseconds(dayMs), output);
        }
    }

    internal sealed record StageResult(string Stage, int N, double Seconds, double PerSecond, int MaxEventsPerGeneration, int Generations);

    /// <summary>Runs <paramref name="n"/> scripted agreements at once and times them.</summary>
    internal static class Timing
    {
        public static async Task<double> SecondsAsync(int n, Func<int, Task> one)
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() => one(i))));
            return watch.Elapsed.TotalSeconds;
        }
    }

    /// <summary>
    /// The real lifecycle (1.2) through the local host's HTTP API: the in-memory engine, the storage adapters on
    /// Azurite, email to the outbox. Per agreement: create, consent, move, three measurements (recorded up front),
    /// and completion after M36 (auto-approved financing, no escalation, a compressed day).
    /// </summary>
    internal static class Lifecycle
    {
        public const string Name = "lifecycle";

        private static readonly string[] Milestones = ["M3", "M12", "M36"];

        public static async Task<StageResult> RunAsync(int n, TimeSpan dayLength, string storage)
        {
            var meter = new HistoryMeter();
            await using var app = LocalApp.Build([], builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                meter.AttachTo(builder.Services);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Engine:Provider"] = "InMemory",
                    ["Storage:ConnectionString"] = storage,
                    ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
                    ["Links:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                    ["Links:PublicBaseUrl"] = "http://mobilitet.bench",
                    ["Lifecycle:DayLength"] = dayLength.ToString("c", CultureInfo.InvariantCulture),
                });
            });
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) }.SignedInAs(TestIdentities.Everything);
            var api = new AgreementApi(http);
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var deadline = TimeSpan.FromMinutes(30);

            var seconds = await Timing.SecondsAsync(n, async _ =>
            {
                var id = await api.CreateAsync(AgreementForms.Valid(AgreementForms.Today));
                await api.StepAsync(id, "consent", Steps.Consent("given"));
                await api.WaitForStatusAsync(id, "AwaitingMove", deadline);
                await api.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
                await api.WaitForStatusAsync(id, "Monitoring", deadline);
                foreach (var milestone in Milestones)
                {
                    await api.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
                }

                using var wait = new CancellationTokenSource(deadline);
                var done = await client.WaitForInstanceCompletionAsync(id, wait.Token);
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
                }
            });

            await app.StopAsync();
            var generations = meter.All.Where(g => g.Name == "AgreementLifecycle").ToList();
            return new StageResult(Name, n, seconds, n / seconds, generations.Max(g => g.ReplayedEvents), generations.Count);
        }
    }

    /// <summary>
    /// The same engine with an orchestration of the lifecycle's happy-path shape and trivial bodies: as many
    /// activities, external events, timers and generations (ContinueAsNew) as a 1.2 lifecycle, no storage, no HTTP.
    /// </summary>
    internal static class BareEngine
    {
        public const string Name = "bare";

        // The 1.2 happy path: generation 1 (consent, financing), 2 (move), 3–5 (M3, M12, M36).
        private static readonly int[] ActivitiesPerGeneration = [6, 3, 1, 1, 3];
        private static readonly string[] EventPerGeneration = ["ConsentDecided", "MoveRecorded", "MeasurementRecorded", "MeasurementRecorded", "MeasurementRecorded"];

        public static async Task<StageResult> RunAsync(int n, TimeSpan dayLength)
        {
            var meter = new HistoryMeter();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:Provider"] = "InMemory" });
            builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry
                .AddActivityFunc<int, int>("Trivial", (_, input) => input)
                .AddOrchestratorFunc<BareInput, string>("BareLifecycle", (context, input) => RunGenerationAsync(context, input!, dayLength)));
            meter.AttachTo(builder.Services);
            using var host = builder.Build();
            await host.StartAsync();
            var client = host.Services.GetRequiredService<DurableTaskClient>();

            var seconds = await Timing.SecondsAsync(n, async i =>
            {
                var id = $"bare-{n}-{i}";
                await client.ScheduleNewOrchestrationInstanceAsync("BareLifecycle", new BareInput(0, DateTime.MinValue), new StartOrchestrationOptions { InstanceId = id });
                foreach (var name in EventPerGeneration)
                {
                    await client.RaiseEventAsync(id, name, true);
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(30));
                await client.WaitForInstanceCompletionAsync(id, wait.Token);
            });

            await host.StopAsync();
            var generations = meter.All.Where(g => g.Name == "BareLifecycle").ToList();
            return new StageResult(Name, n, seconds, n / seconds, generations.Max(g => g.ReplayedEvents), generations.Count);
        }

        private static async Task<string> RunGenerationAsync(TaskOrchestrationContext context, BareInput input, TimeSpan dayLength)
        {
            var movedAt = input.MovedAt;
            for (var i = 0; i < ActivitiesPerGeneration[input.Generation]; i++)
            {
                await context.CallActivityAsync<int>("Trivial", i);
            }

            // Wait for the event raced against a timer, as the lifecycle does; milestones wait for their due date.
            var due = input.Generation switch
            {
                < 2 => context.CurrentUtcDateTime.Add(dayLength * 30),
                2 => movedAt.Add(dayLength * 91),
                3 => movedAt.Add(dayLength * 365),
                _ => movedAt.Add(dayLength * 1096),
            };
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(due, cancel.Token);
            var received = context.WaitForExternalEvent<bool>(EventPerGeneration[input.Generation]);
            if (await Task.WhenAny(received, timer) == received && input.Generation < 2)
            {
                cancel.Cancel();
            }
            else
            {
                await timer;
            }

            if (input.Generation == 1)
            {
                movedAt = context.CurrentUtcDateTime;
            }

            if (input.Generation + 1 < ActivitiesPerGeneration.Length)
            {
                context.ContinueAsNew(new BareInput(input.Generation + 1, movedAt));
                return "continued";
            }

            return "completed";
        }

        internal sealed record BareInput(int Generation, DateTime MovedAt);
    }
}
