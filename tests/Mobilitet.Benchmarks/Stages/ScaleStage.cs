using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// Issue 9, point 5: scale on one machine. One local host on the Azure Storage provider (Azurite) with a real
/// day (1 day = 1 day, so no timer fires during the run) fills up with agreements waiting in monitoring, spread
/// over four municipalities, in steps up to each N of --n: the warm-up and the page baseline through the API
/// (create, consent, move), the steps after that placed in monitoring directly (<see cref="SeedAsync"/>). At 0 agreements and after each step it measures the
/// process's working set and GC heap after a full, compacting GC, and — at ~100 agreements (the baseline) and at
/// each N — the p50 time to get the first page of one municipality's agreement list through the UI (/aftaler) and
/// the API (/api/agreements), and one caseworker's Mine opgaver (/).
/// </summary>
internal static class ScaleStage
{
    public const string Name = "scale";

    /// <summary>The page-timing baseline: the same requests with this many agreements in the host.</summary>
    private const int BaselineSize = 100;

    /// <summary>Agreements driven into monitoring at once (create, consent, wait for the move step, move).</summary>
    private const int Parallelism = 48;

    private const int TimedRequests = 21;

    private static readonly string[] Municipalities = ["0751", "0101", "0461", "0851"];

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        var results = new List<Measurement>();
        var sizes = context.Options.Sizes.Where(n => n > BaselineSize).Order().Distinct().ToList();
        var meter = new HistoryMeter();
        await using var host = await BenchmarkHost.StartAsync(EngineProvider.AzureStorage, TimeSpan.FromDays(1), context.Azurite.ConnectionString, meter.AttachTo);
        using var caseworker = new HttpClient { BaseAddress = host.Http.BaseAddress }
            .SignedInAs(TestIdentities.Person("scale-caseworker", [Roles.Caseworker], Municipalities[0]));

        // Warm up every path once (JIT, connection pools, table clients) with agreements that do not count
        // towards the baseline's memory; they are in the host at every later measurement, so they cancel out.
        await FillAsync(host, 0, Municipalities.Length);
        await TimeRequestsAsync(host, caseworker, 3);
        var (workingSet0, heap0) = Memory();
        Console.WriteLine($"{Name}: server GC {GCSettings.IsServerGC}; 0 waiting: working set {workingSet0:F0} MB, GC heap {heap0:F1} MB");
        results.Add(new Measurement(Name, "N=0", "working set MB", workingSet0));
        results.Add(new Measurement(Name, "N=0", "GC heap MB", heap0));

        var filled = Municipalities.Length + await FillAsync(host, Municipalities.Length, BaselineSize);
        await EngineIdle.WaitAsync(meter, TimeSpan.FromMinutes(5), Name);
        var baseline = await TimeRequestsAsync(host, caseworker, TimedRequests);
        Console.WriteLine($"{Name}: {BaselineSize} waiting: {baseline}");
        var previous = (N: 0, WorkingSet: workingSet0, Heap: heap0);
        foreach (var n in sizes)
        {
            var watch = Stopwatch.StartNew();
            var added = await SeedAsync(host, filled, n);
            filled += added;
            var seconds = watch.Elapsed.TotalSeconds;
            await EngineIdle.WaitAsync(meter, TimeSpan.FromMinutes(5), Name);
            var (workingSet, heap) = Memory();
            var timings = await TimeRequestsAsync(host, caseworker, TimedRequests);
            Console.WriteLine($"{Name}: {n} waiting (filled in {seconds:F0} s): working set {workingSet:F0} MB, GC heap {heap:F1} MB; {timings}");

            var @case = $"AzureStorage N={n}";
            results.Add(new Measurement(Name, @case, "agreements into monitoring/s", added / seconds));
            results.Add(new Measurement(Name, @case, "working set MB", workingSet, workingSet0));
            results.Add(new Measurement(Name, @case, "GC heap MB", heap, heap0));
            results.Add(new Measurement(Name, @case, "WS MB/1,000 waiting", PerThousand(workingSet - workingSet0, n), Target: "< 5"));
            results.Add(new Measurement(Name, @case, "heap MB/1,000 waiting", PerThousand(heap - heap0, n), Target: "< 5"));
            results.Add(new Measurement(Name, @case, "WS MB/1,000, this step", PerThousand(workingSet - previous.WorkingSet, n - previous.N), Target: "flat"));
            results.Add(new Measurement(Name, @case, "UI /aftaler 1st page p50 ms", timings.UiList, baseline.UiList, "≈ 1"));
            results.Add(new Measurement(Name, @case, "API list (all) p50 ms", timings.ApiList, baseline.ApiList, "≈ 1"));
            results.Add(new Measurement(Name, @case, "API 1st page (25) p50 ms", timings.ApiPage, baseline.ApiPage, "≈ 1"));
            results.Add(new Measurement(Name, @case, "Mine opgaver p50 ms", timings.MyTasks, baseline.MyTasks, "≈ 1"));
            previous = (n, workingSet, heap);
        }

        return results;
    }

    private static double PerThousand(double megabytes, int n) => n > 0 ? megabytes * 1000 / n : 0;

    /// <summary>
    /// Working set and GC heap (MB) after two full, blocking, compacting collections; printed beside them what
    /// else the working set holds: memory the GC keeps committed (free but not returned yet) and the thread count.
    /// </summary>
    private static (double WorkingSet, double Heap) Memory()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: working set {process.WorkingSet64 / 1048576.0:F0} MB = GC heap {heap:F1} MB + GC committed, not in use {(info.TotalCommittedBytes / 1048576.0) - heap:F1} MB + the rest (code, native, {process.Threads.Count} thread stacks)"));
        return (process.WorkingSet64 / 1048576.0, heap);
    }

    /// <summary>Drives agreements number <paramref name="from"/> up to <paramref name="to"/> into monitoring; returns how many.</summary>
    private static Task<int> FillAsync(BenchmarkHost host, int from, int to) =>
        InParallelAsync(from, to, i => IntoMonitoringAsync(host, Municipalities[i % Municipalities.Length]));

    /// <summary>Runs <paramref name="one"/> for numbers <paramref name="from"/> up to <paramref name="to"/>, <see cref="Parallelism"/> at a time; returns how many.</summary>
    private static async Task<int> InParallelAsync(int from, int to, Func<int, Task> one)
    {
        var next = from - 1;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < to)
            {
                await one(i);
                if (Interlocked.Increment(ref done) % 100 == 0)
                {
                    Console.WriteLine($"{Name}: {from + done} agreements in monitoring ({done / watch.Elapsed.TotalSeconds:F1}/s)");
                }
            }
        })));
        return Math.Max(0, to - from);
    }

    /// <summary>
    /// Places agreements number <paramref name="from"/> up to <paramref name="to"/> directly in monitoring, as the
    /// workflow tests do: the personal data in the vault, the agreement's row (and its list index rows) through the
    /// host's repository, and its lifecycle started at the M3 generation (version 1.2 checkpoint), which then waits on
    /// its M3 timer. What waits is what an agreement moved through the API leaves waiting; the API's consent and move
    /// (two generations on Azurite, about 1.7 agreements a second here) would take hours for 10,000.
    /// </summary>
    private static Task<int> SeedAsync(BenchmarkHost host, int from, int to)
    {
        var vault = host.App.Services.GetRequiredService<IPersonalDataVault>();
        var agreements = host.App.Services.GetRequiredService<IAgreementRepository>();
        return InParallelAsync(from, to, async i =>
        {
            var id = AgreementIds.New();
            var createdAt = DateTime.UtcNow;
            var movedOn = DanishCalendar.DateOf(createdAt);
            await vault.SaveAsync(id, Resident(i), CancellationToken.None);
            await agreements.AddAsync(
                new AgreementRecord
                {
                    AgreementId = id,
                    MunicipalityCode = Municipalities[i % Municipalities.Length],
                    HousingAssociation = "Brabrand Boligforening",
                    Direction = MoveDirection.Out,
                    FromArea = "Gellerupparken",
                    PlannedMoveDate = movedOn,
                    MovedOn = movedOn,
                    PolicyName = PolicyCatalog.StandardV1.Name,
                    Status = AgreementStatus.Monitoring,
                    CreatedAt = createdAt,
                    LastChangedAt = createdAt,
                    DayLength = TimeSpan.FromDays(1),
                    Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
                    RequestedDkk = 20_000m,
                    ApprovedDkk = 20_000m,
                    SupervisorLevels = 2,
                    CaseworkerId = "scale-caseworker",
                },
                CancellationToken.None);
            var input = new AgreementLifecycleInput(
                id,
                PolicyCatalog.StandardV1.Name,
                createdAt,
                TimeSpan.FromDays(1),
                movedOn,
                SupervisorLevels: 2,
                new LifecycleCheckpoint(LifecyclePhase.Monitoring, movedOn, Milestone.M3, [], [], [], Generation: 3));
            await host.Durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(AgreementLifecycle), input, new StartOrchestrationOptions(id) { Version = WorkflowVersions.Current });
        });
    }

    private static AgreementPersonalData Resident(int i) => new(
        new Resident($"0101{i % 100_000:D6}", $"Beboer {i}", $"beboer{i}@example.dk", null),
        new Caseworker("Skala Sagsbehandler", "skala@kommune.example.dk"),
        ["tilsyn1@mobilitet.example.dk", "tilsyn2@mobilitet.example.dk"],
        "Indskud og flytning");

    private static async Task IntoMonitoringAsync(BenchmarkHost host, string municipality)
    {
        var form = ScriptedAgreement.Benchmarked(AgreementForms.Today);
        form["municipalityCode"] = municipality;
        var id = await host.Api.CreateAsync(form);
        await StepAsync(host, id, "consent", Steps.Consent("given"));
        await WaitForStatusAsync(host, id, "AwaitingMove");
        await StepAsync(host, id, "move", Steps.Move(AgreementForms.Today));
        await WaitForStatusAsync(host, id, "Monitoring");
    }

    /// <summary>Posts a step as a client should: a 503 (the workflow is still being started, nothing changed) is tried again.</summary>
    private static async Task StepAsync(BenchmarkHost host, string id, string step, System.Text.Json.Nodes.JsonNode body)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            using var response = await host.Api.PostAsync($"/api/agreements/{id}/{step}", body.DeepClone());
            if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
            {
                return;
            }

            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                throw new InvalidOperationException($"{step} of {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}");
            }

            await Task.Delay(Poll, deadline.Token);
        }
    }

    /// <summary>Polls the agreement once every <see cref="Poll"/>: the test helpers' 50 ms, times the parallelism, would load the host more than the work.</summary>
    private static async Task WaitForStatusAsync(BenchmarkHost host, string id, string status)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await Task.Delay(Poll / 2, deadline.Token);
        while ((await host.Api.GetAsync(id)).Text("status") != status)
        {
            await Task.Delay(Poll, deadline.Token);
        }
    }

    /// <summary>
    /// The p50 of each request, timed in rounds (one of each per round) so that background work — the engine
    /// still starting lifecycles just seeded — weighs on all four alike, not on whichever is timed first.
    /// </summary>
    private static async Task<Timings> TimeRequestsAsync(BenchmarkHost host, HttpClient caseworker, int count)
    {
        var municipality = Municipalities[0];
        (HttpClient Http, string Path)[] requests =
        [
            (host.Http, $"/aftaler?kommune={municipality}"),
            (host.Http, $"/api/agreements?municipality={municipality}"),
            (host.Http, $"/api/agreements?municipality={municipality}&pageSize=25"),
            (caseworker, "/"),
        ];
        var times = requests.Select(_ => new List<double>(count)).ToArray();
        for (var round = 0; round < count; round++)
        {
            for (var i = 0; i < requests.Length; i++)
            {
                times[i].Add(await MillisecondsAsync(requests[i].Http, requests[i].Path));
            }
        }

        var medians = times.Select(list => list.Order().ElementAt(count / 2)).ToArray();
        return new Timings(medians[0], medians[1], medians[2], medians[3]);
    }

    private static async Task<double> MillisecondsAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        _ = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return response.IsSuccessStatusCode ? elapsed : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
    }

    private sealed record Timings(double UiList, double ApiList, double ApiPage, double MyTasks)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"/aftaler {UiList:F1} ms, API all {ApiList:F1} ms, API page {ApiPage:F1} ms, Mine opgaver {MyTasks:F1} ms");
    }
}
