using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// Issue 9, point 2: N agreements through the whole lifecycle at once, on the in-memory engine and on the
/// Azure Storage provider (Azurite), each beside the bare-engine baseline of the same shape in the same run.
/// </summary>
internal static class ThroughputStage
{
    public const string Name = "throughput";

    /// <summary>Long enough for 1,000 agreements on Azurite; an agreement that takes longer counts as stalled.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(20);

    /// <summary>Clients driving human steps at once; more would only queue requests (the latency stage measures that).</summary>
    private const int Clients = 50;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        var results = new List<Measurement>();
        foreach (var provider in context.Options.Providers)
        {
            foreach (var n in context.Options.Sizes)
            {
                var @case = $"{provider} N={n}";
                Console.WriteLine($"{Name}: {@case} ...");
                var meter = new HistoryMeter();
                var activities = new ActivityMeter();
                var phases = new PhaseMeter();
                var stalled = 0;
                double seconds;
                (double Dotnet, double Azurite) cpu;
                // Each half gets an Azurite of its own, so the half run second does not work beside the first one's data in the
                // same Node process (at N=1,000, every table of 1,000 agreements).
                await using (var azurite = await OwnAzurite.StartAsync())
                await using (var host = await BenchmarkHost.StartAsync(provider, context.Options.DayLength, azurite.ConnectionString, services =>
                {
                    meter.AttachTo(services);
                    activities.AttachTo(services);
                }))
                {
                    using var clients = new SemaphoreSlim(Clients);
                    var cpuMeter = CpuMeter.Start(azurite);
                    seconds = await Timing.SecondsAsync(n, async _ =>
                    {
                        if (!await CompletedAsync(() => ScriptedAgreement.RunAsync(host, Deadline, clients, phases.Start()), "lifecycle"))
                        {
                            Interlocked.Increment(ref stalled);
                        }
                    });
                    cpu = cpuMeter.Stop();
                }

                Console.WriteLine($"{Name}: {@case}: {n / seconds:F1}/s");
                var bareMeter = new HistoryMeter();
                var bareActivities = new ActivityMeter();
                var barePhases = new PhaseMeter();
                var bareStalled = 0;
                double bareSeconds;
                (double Dotnet, double Azurite) bareCpu;
                await using (var azurite = await OwnAzurite.StartAsync())
                await using (var bare = await BareLifecycle.StartAsync(provider, context.Options.DayLength, azurite.ConnectionString, services =>
                {
                    bareMeter.AttachTo(services);
                    bareActivities.AttachTo(services);
                }, BenchmarkLogging.Configure))
                {
                    using var clients = new SemaphoreSlim(Clients);
                    var cpuMeter = CpuMeter.Start(azurite);
                    bareSeconds = await Timing.SecondsAsync(n, async _ =>
                    {
                        if (!await CompletedAsync(() => bare.RunOneAsync(Deadline, clients, reached: barePhases.Start().Mark), "baseline"))
                        {
                            Interlocked.Increment(ref bareStalled);
                        }
                    });
                    bareCpu = cpuMeter.Stop();
                }

                results.Add(new Measurement(Name, @case, "agreements/s", n / seconds, n / bareSeconds, "≥ 0.8"));
                results.Add(new Measurement(Name, @case, "agreements not completed (ended otherwise, failed, stalled)", stalled, bareStalled));
                results.Add(new Measurement(Name, @case, "max history events/generation", MaxEvents(meter, "AgreementLifecycle"), MaxEvents(bareMeter, BareLifecycle.OrchestrationName), "≤ 200"));
                Console.WriteLine($"{Name}: {@case}: baseline {n / bareSeconds:F1}/s");

                // What each half costs the machine, whose cores both processes share: an agreement's CPU time bounds the
                // rate at which the client phase can run (cores / CPU per agreement) whatever the engine's waits.
                var dotnetMs = new Measurement(Name, @case, "CPU ms per agreement: .NET process (harness, host, engine)", 1000 * cpu.Dotnet / n, 1000 * bareCpu.Dotnet / n);
                var azuriteMs = new Measurement(Name, @case, "CPU ms per agreement: Azurite", 1000 * cpu.Azurite / n, 1000 * bareCpu.Azurite / n);
                var coresBusy = new Measurement(Name, @case, "cores busy (both processes)", (cpu.Dotnet + cpu.Azurite) / seconds, (bareCpu.Dotnet + bareCpu.Azurite) / bareSeconds);
                results.AddRange([dotnetMs, azuriteMs, coresBusy]);
                Console.WriteLine($"{Name}: {@case}: CPU per agreement .NET {dotnetMs.Value:F0} ms + Azurite {azuriteMs.Value:F0} ms "
                    + $"(baseline {dotnetMs.Baseline:F0} + {azuriteMs.Baseline:F0} ms); cores busy {coresBusy.Value:F2} (baseline {coresBusy.Baseline:F2})");

                // Where an agreement's time goes as its client sees it, phase by phase, beside the baseline's same phases.
                var bareByPhase = barePhases.Summary().ToDictionary(phase => phase.Phase);
                foreach (var (phase, count, p50, p90) in phases.Summary())
                {
                    var (_, _, bareP50, bareP90) = bareByPhase.GetValueOrDefault(phase);
                    Console.WriteLine($"{Name}: {@case}: phase {phase}: {count} runs, p50 {p50:F1} s, p90 {p90:F1} s (baseline p50 {bareP50:F1} s, p90 {bareP90:F1} s)");
                    results.Add(new Measurement(Name, @case, $"phase {phase}: p50 s", p50, bareP50));
                    results.Add(new Measurement(Name, @case, $"phase {phase}: p90 s", p90, bareP90));
                }

                // Where our activities' time goes (the profile of this stage): beside the bare activity's, which is the
                // engine's dispatch alone.
                var trivial = bareActivities.ByKind() is [var only, ..] ? only : default;

                // The same path on both sides has as many activities: more on ours means detours the compressed day made it take
                // (a consent reminder when the consent came later than the first reminder's days), which the baseline takes only
                // when its own start is as slow.
                var ours = activities.ByKind();
                results.Add(new Measurement(Name, @case, "activities per agreement", (double)ours.Sum(kind => kind.Count) / n, (double)trivial.Count / n));
                foreach (var (activity, count, total, mean) in ours)
                {
                    Console.WriteLine($"{Name}: {@case}: activity {activity}: {count} runs, {total:F1} s in all, {mean:F1} ms mean (bare activity {trivial.MeanMs:F1} ms)");
                    results.Add(new Measurement(Name, @case, $"activity {activity}: mean ms ({(double)count / n:F1} per agreement; {total:F0} s in all)", mean, trivial.MeanMs));
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Runs one scripted agreement (ours or the baseline's); false if it ended otherwise, failed or passed its deadline.
    /// Counted and printed, not hidden: the rate then covers agreements that did not finish, and one instance past its
    /// deadline does not end the whole run.
    /// </summary>
    private static async Task<bool> CompletedAsync(Func<Task> run, string side)
    {
        try
        {
            await run();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException
            or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
        {
            Console.WriteLine($"{Name}: {side}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    private static int MaxEvents(HistoryMeter meter, string orchestration) =>
        meter.All.Where(g => g.Name == orchestration).Select(g => g.ReplayedEvents).DefaultIfEmpty().Max();
}
