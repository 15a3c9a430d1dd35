using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// Issue 9, point 4: storage requests per agreement lifecycle on Azurite, counted by a proxy in front of it
/// (<see cref="CountingStorageProxy"/>), by service and kind, beside the bare-engine baseline of the same shape.
/// Target: at most 1.2 × the baseline plus the read model's own writes, which are itemised.
/// <para>
/// Costs that grow with time rather than with agreements are kept out of the per-agreement numbers and
/// reported on their own: empty queue polls (the engine's idle polling) are counted apart by the proxy and
/// given per second, during the run and in an idle window after it. Everything else in the run window —
/// including blob lease renewals, which also follow the clock, and the reads of the script's status polling
/// (as the baseline's own status polling) — is in the per-agreement numbers; the idle window shows how small
/// the clock-driven part is.
/// </para>
/// </summary>
internal static partial class StorageStage
{
    public const string Name = "storage";

    private const string EmptyPoll = "get (empty)";
    private const int ProbeReads = 10;

    private static readonly TimeSpan Deadline = TimeSpan.FromHours(2);

    /// <summary>Clients driving human steps at once, as in the throughput stage.</summary>
    private const int Clients = 50;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);
    private static readonly string[] Services = ["table", "queue", "blob"];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        var results = new List<Measurement>();
        await using var proxy = await CountingStorageProxy.StartAsync(context.Azurite);
        // On the in-memory engine only the app's own requests reach storage: their times are then Azurite's service times
        // for the app alone, the profile of the throughput stage's in-memory half.
        foreach (var (provider, n) in context.Options.Providers.SelectMany(provider => context.Options.Sizes.Select(n => (provider, n))))
        {
            var @case = $"{provider} N={n}";
            Console.WriteLine($"{Name}: {@case} ...");
            Window bareRun, bareIdle;
            await using (var bare = await BareLifecycle.StartAsync(provider, context.Options.DayLength, proxy.ConnectionString, logging: BenchmarkLogging.Configure))
            {
                await Task.Delay(Settle);
                using var clients = new SemaphoreSlim(Clients);
                bareRun = await Window.MeasureAsync(proxy, () => Timing.SecondsAsync(n, _ => bare.RunOneAsync(Deadline, clients)));
                Console.WriteLine($"{Name}: {@case}: baseline ran in {bareRun.Seconds:F1} s");
                bareIdle = await Window.MeasureAsync(proxy, () => Task.Delay(Idle));
            }

            Window run, idle, probe;
            var reads = new AgreementReadCounter();
            long polls;
            await using (var host = await BenchmarkHost.StartAsync(provider, context.Options.DayLength, proxy.ConnectionString, reads.AttachTo))
            {
                await Task.Delay(Settle);
                var before = reads.Count;
                var failed = 0;
                using var clients = new SemaphoreSlim(Clients);
                run = await Window.MeasureAsync(proxy, () => Timing.SecondsAsync(n, async _ =>
                {
                    try
                    {
                        await ScriptedAgreement.RunAsync(host, Deadline, clients);
                    }
                    catch (InvalidOperationException e)
                    {
                        // Counted and said, not hidden: the numbers then cover lifecycles that did not finish.
                        Interlocked.Increment(ref failed);
                        Console.WriteLine($"{Name}: {e.Message}");
                    }
                }));
                await foreach (var instance in host.Durable.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs = true }))
                {
                    Console.WriteLine($"{Name}: {instance.InstanceId} failed: {instance.FailureDetails?.ErrorType}: {instance.FailureDetails?.ErrorMessage}");
                }

                results.Add(new Measurement(Name, @case, "failed lifecycles", failed, 0));
                polls = reads.Count - before;
                idle = await Window.MeasureAsync(proxy, () => Task.Delay(Idle));
                var id = await AnyAgreementAsync(host);
                probe = await Window.MeasureAsync(proxy, async () =>
                {
                    for (var i = 0; i < ProbeReads; i++)
                    {
                        await host.Api.GetStatusAsync(id);
                    }
                });
            }

            results.AddRange(Measure(@case, n, bareRun, bareIdle, run, idle, probe, polls));
            Console.WriteLine($"{Name}: {@case}: {run.PerAgreement(n, _ => true):F1} requests/agreement, baseline {bareRun.PerAgreement(n, _ => true):F1}");
        }

        return results;
    }

    private static IEnumerable<Measurement> Measure(string @case, int n, Window bareRun, Window bareIdle, Window run, Window idle, Window probe, long polls)
    {
        // The drivers poll for status, and that costs storage reads in proportion to the run's wall time: the baseline
        // reads the engine's Instances table (every 50 ms), the script reads the agreement over the API. Both are
        // taken out of the "net" numbers: the baseline's Instances queries, and ours as the API reads counted times
        // the measured cost of one API read (item by item; the engine's Instances queries the same way as the baseline's).
        var perRead = probe.Items.Where(pair => pair.Key.Kind != EmptyPoll).ToDictionary(pair => pair.Key, pair => (double)pair.Value / ProbeReads);
        double Polling(Item item) => item.IsStatusRead ? run.Items.GetValueOrDefault(item) : polls * perRead.GetValueOrDefault(item);
        double Net(Window window, Func<Item, bool> which, Func<Item, double> polling) =>
            window.Items.Where(pair => pair.Key.Kind != EmptyPoll && which(pair.Key)).Sum(pair => Math.Max(0, pair.Value - polling(pair.Key))) / n;
        double BarePolling(Item item) => item.IsStatusRead ? bareRun.Items.GetValueOrDefault(item) : 0;
        foreach (var service in Services.Append("total"))
        {
            bool Of(Item item) => service == "total" || item.Service == service;
            yield return new Measurement(Name, @case, $"net {service}/agreement", Net(run, Of, Polling), Net(bareRun, Of, BarePolling));
        }

        yield return new Measurement(Name, @case, "net excl. app writes/agr.", Net(run, item => !(item.Bucket == Bucket.App && item.IsWrite), Polling), Net(bareRun, _ => true, BarePolling), "≤ 1.2");
        yield return new Measurement(Name, @case, "net engine/agreement", Net(run, item => item.Bucket == Bucket.Engine, Polling), Net(bareRun, item => item.Bucket == Bucket.Engine, BarePolling), "≤ 1.2");
        yield return new Measurement(Name, @case, "net app reads/agreement", Net(run, item => item.Bucket == Bucket.App && !item.IsWrite, Polling));
        yield return new Measurement(Name, @case, "API reads (polls)/agreement", (double)polls / n);
        yield return new Measurement(Name, @case, "status reads/agreement", run.PerAgreement(n, item => item.IsStatusRead), bareRun.PerAgreement(n, item => item.IsStatusRead));

        // The totals, by service: ours (all of it) beside the bare engine's.
        foreach (var service in Services.Append("total"))
        {
            bool Of(Item item) => service == "total" || item.Service == service;
            yield return new Measurement(Name, @case, $"gross {service}/agreement", run.PerAgreement(n, Of), bareRun.PerAgreement(n, Of));
        }

        // The read model's own writes (added to the target's allowance) and its reads, gross.
        yield return new Measurement(Name, @case, "app writes/agreement", run.PerAgreement(n, item => item.Bucket == Bucket.App && item.IsWrite));

        // The app's writes by what they are for, so each addition (audit, email archive, retention index ...) shows its cost.
        foreach (var purpose in run.Items.Keys.Where(item => item.Bucket == Bucket.App && item.IsWrite).Select(item => item.Purpose).Distinct().Order(StringComparer.Ordinal))
        {
            yield return new Measurement(Name, @case, $"app writes: {purpose}/agreement", run.PerAgreement(n, item => item.Bucket == Bucket.App && item.IsWrite && item.Purpose == purpose));
        }

        foreach (var purpose in run.Items.Keys.Where(item => item.Bucket == Bucket.App && !item.IsWrite).Select(item => item.Purpose).Distinct().Order(StringComparer.Ordinal))
        {
            yield return new Measurement(Name, @case, $"app reads, gross: {purpose}/agreement", run.PerAgreement(n, item => item.Bucket == Bucket.App && !item.IsWrite && item.Purpose == purpose));
        }
        yield return new Measurement(Name, @case, "gross app reads/agreement", run.PerAgreement(n, item => item.Bucket == Bucket.App && !item.IsWrite));

        // Where storage's time goes (the proxy's time per request): gross, so the script's polls are in "app reads"; beside the
        // baseline's engine. Azurite's queue is in it, even at N=10 (the in-memory engine sends an episode's requests in bursts),
        // unless STORAGE_PROXY_SERIAL is set: then it is Azurite's service time and the proxy's hop.
        yield return new Measurement(Name, @case, "storage ms/agreement: engine", run.MillisecondsPerAgreement(n, item => item.Bucket == Bucket.Engine), bareRun.MillisecondsPerAgreement(n, item => item.Bucket == Bucket.Engine));
        foreach (var purpose in run.Items.Keys.Where(item => item.Bucket == Bucket.App).Select(item => item.Purpose).Distinct().Order(StringComparer.Ordinal))
        {
            yield return new Measurement(Name, @case, $"storage ms/agreement: app {purpose}", run.MillisecondsPerAgreement(n, item => item.Bucket == Bucket.App && item.Purpose == purpose));
        }

        foreach (var (kind, ms) in run.Milliseconds.Where(pair => pair.Key.Bucket == Bucket.App).GroupBy(pair => pair.Key.Kind).Select(group => (group.Key, group.Sum(pair => pair.Value))).OrderByDescending(pair => pair.Item2))
        {
            var count = run.Items.Where(pair => pair.Key.Bucket == Bucket.App && pair.Key.Kind == kind).Sum(pair => pair.Value);
            yield return new Measurement(Name, @case, $"storage ms per app request: {kind} ({(double)count / n:F1}/agreement)", ms / count);
        }

        // What follows the clock: empty polls per second while running and while idle; all else while idle.
        yield return new Measurement(Name, @case, "empty polls/s, run", run.PerSecond(item => item.Kind == EmptyPoll), bareRun.PerSecond(item => item.Kind == EmptyPoll));
        yield return new Measurement(Name, @case, "empty polls/s, idle", idle.PerSecond(item => item.Kind == EmptyPoll), bareIdle.PerSecond(item => item.Kind == EmptyPoll));
        yield return new Measurement(Name, @case, "other requests/s, idle", idle.PerSecond(item => item.Kind != EmptyPoll), bareIdle.PerSecond(item => item.Kind != EmptyPoll));
        yield return new Measurement(Name, @case, "run seconds", run.Seconds, bareRun.Seconds);

        // Itemised per agreement: every (bucket, service, kind, resource), ours beside the baseline's same item.
        var bareItems = bareRun.Items.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var (item, count) in run.Items.Concat(bareRun.Items.Where(pair => !run.Items.ContainsKey(pair.Key))).OrderBy(pair => pair.Key.Bucket).ThenBy(pair => pair.Key.Service, StringComparer.Ordinal).ThenBy(pair => pair.Key.Resource, StringComparer.Ordinal).ThenBy(pair => pair.Key.Kind, StringComparer.Ordinal))
        {
            if (item.Kind == EmptyPoll)
            {
                continue;
            }

            var ours = run.Items.GetValueOrDefault(item);
            yield return new Measurement(Name, @case, item.Label, (double)ours / n, bareItems.TryGetValue(item, out var theirs) ? (double)theirs / n : null);
        }

        // What one read of an agreement's status (GET /api/agreements/{id}/status, as the script polls) costs in storage requests.
        yield return new Measurement(Name, @case, "requests per GET agreement status", probe.PerAgreement(ProbeReads, item => item.Kind != EmptyPoll));
        foreach (var (item, count) in probe.Items.Where(pair => pair.Key.Kind != EmptyPoll).OrderBy(pair => pair.Key.Label, StringComparer.Ordinal))
        {
            yield return new Measurement(Name, @case, "GET: " + item.Label, (double)count / ProbeReads);
        }
    }

    private static async Task<string> AnyAgreementAsync(BenchmarkHost host)
    {
        await foreach (var instance in host.Durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }))
        {
            return instance.InstanceId;
        }

        throw new InvalidOperationException("no agreement ran");
    }

    private enum Bucket
    {
        /// <summary>The engine's task hub: tables, queues and containers named after it.</summary>
        Engine,

        /// <summary>The app's own tables and containers (the Storage:TablePrefix).</summary>
        App,

        /// <summary>Account-level requests (list tables ...).</summary>
        Account,
    }

    /// <summary>A counted request with its resource name made independent of the run's prefix, so runs compare.</summary>
    private sealed record Item(Bucket Bucket, string Service, string Kind, string Resource, string Detail = "")
    {
        public bool IsWrite => Kind is "insert" or "upsert-replace" or "upsert-merge" or "update-replace" or "update-merge" or "delete" or "batch"
            or "create-table" or "put" or "put-block" or "put-blocklist" or "set-metadata" or "update" or "create-container" or "create-queue";

        /// <summary>A query of the engine's Instances table: a client reading an instance's status (the engine itself does not poll it).</summary>
        public bool IsStatusRead => Bucket == Bucket.Engine && Service == "table" && Resource == "{hub}Instances" && Kind == "query";

        public string Label => $"{Bucket.ToString().ToLowerInvariant()} {Service} {Resource}{(Detail.Length > 0 ? $" ({Detail})" : string.Empty)} {Kind}";

        /// <summary>What an app request is for, in the words of docs/benchmarks.md ("timeline", "email archive" ...).</summary>
        public string Purpose => (Resource, Detail) switch
        {
            ("AgreementList", "ended") => "retention index (ended! rows)",
            ("AgreementList", "list+ended") => "list index + retention index in one batch",
            ("AgreementList", _) => "list index",
            ("Agreements", _) => "agreement row (read model)",
            ("AgreementIndex", _) => "agreement id index",
            ("AgreementTimeline", _) => "timeline",
            ("AuditLog", _) => "audit",
            ("NotificationLog", _) => "email claims (notification log)",
            ("Outbox" or "FailedNotifications", _) => "email outbox and failures",
            ("agreement-documents", "sent-emails") => "email archive (blob)",
            ("agreement-documents", "settlement") => "settlement report (blob)",
            ("agreement-documents", "measurements") => "measurement report (blob)",
            ("agreement-documents", _) => "other documents (blob)",
            ("Measurements" or "IndicatorValues", _) => "measurements and indicator values",
            ("TaskBoard" or "AgreementTasks", _) => "tasks",
            ("PersonalData" or "PersonKeyIndex", _) => "vault and person-key index",
            ("Escalations" or "Decisions" or "DecisionLinks", _) => "escalations and decisions",
            _ => Resource,
        };

        public static Item Of(StorageRequest request)
        {
            var hub = HubName().Match(request.Resource);
            if (hub.Success)
            {
                return new Item(Bucket.Engine, request.Service, request.Kind, "{hub}" + request.Resource[hub.Length..], request.Detail);
            }

            var app = AppPrefix().Match(request.Resource);
            return app.Success
                ? new Item(Bucket.App, request.Service, request.Kind, request.Resource[app.Length..].TrimStart('-'), request.Detail)
                : new Item(Bucket.Account, request.Service, request.Kind, request.Resource, request.Detail);
        }
    }

    /// <summary>What the proxy counted while one action ran.</summary>
    /// <param name="Milliseconds">Time from the proxy receiving each kind of request to forwarding its response, summed.</param>
    private sealed record Window(IReadOnlyDictionary<Item, long> Items, IReadOnlyDictionary<Item, double> Milliseconds, double Seconds)
    {
        public static async Task<Window> MeasureAsync(CountingStorageProxy proxy, Func<Task> action)
        {
            var (before, ticksBefore) = (proxy.Snapshot(), proxy.SnapshotTicks());
            var watch = Stopwatch.StartNew();
            await action();
            var seconds = watch.Elapsed.TotalSeconds;
            var items = CountingStorageProxy.Difference(before, proxy.Snapshot())
                .GroupBy(pair => Item.Of(pair.Key))
                .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
            var milliseconds = CountingStorageProxy.Difference(ticksBefore, proxy.SnapshotTicks())
                .GroupBy(pair => Item.Of(pair.Key))
                .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value) * 1000.0 / Stopwatch.Frequency);
            return new Window(items, milliseconds, seconds);
        }

        public double MillisecondsPerAgreement(int n, Func<Item, bool> which) =>
            Milliseconds.Where(pair => pair.Key.Kind != EmptyPoll && which(pair.Key)).Sum(pair => pair.Value) / n;

        public double PerAgreement(int n, Func<Item, bool> which) =>
            (double)Items.Where(pair => pair.Key.Kind != EmptyPoll && which(pair.Key)).Sum(pair => pair.Value) / n;

        public double PerSecond(Func<Item, bool> which) => Items.Where(pair => which(pair.Key)).Sum(pair => pair.Value) / Seconds;
    }

    /// <summary>Counts the API's reads of an agreement's status (GET /api/agreements/{id}/status), the script's polls.</summary>
    private sealed class AgreementReadCounter : IStartupFilter
    {
        private long count;

        public long Count => Interlocked.Read(ref count);

        public void AttachTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                if (HttpMethods.IsGet(context.Request.Method)
                    && context.Request.Path.StartsWithSegments("/api/agreements", out var rest)
                    && rest.Value?.Split('/') is ["", { Length: > 0 }, "status"])
                {
                    Interlocked.Increment(ref count);
                }

                await call(context);
            });
            next(app);
        };
    }

    // BenchmarkHost.TaskHubName: "bench" and a table prefix (AzuriteFixture.NewTablePrefix: "t" and 12 hex digits).
    [GeneratedRegex("^bencht[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HubName();

    [GeneratedRegex("^t[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AppPrefix();
}
