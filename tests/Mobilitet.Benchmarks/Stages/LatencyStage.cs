using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Benchmarks.Harness;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Benchmarks.Stages;

/// <summary>
/// Issue 9, point 6: create-agreement and consent requests per second, p50 and p99, at 1, 10 and 50
/// concurrent clients (closed loop) on loopback, on the Azure Storage provider (Azurite). Beside each, in
/// the same host: the same storage writes and orchestration start (create) or the decision's conditional
/// insert and event (consent) made directly through the app's own services, without HTTP, sign-in and
/// validation. Baseline and API alternate in halves (B A A B), and before every half the engine is let go idle
/// (the workflows the half before started or woke finish their steps) and the storage connections the half's
/// clients need are opened, so that a half's latencies are its own and not the backlog of the one before.
/// --n is the number of requests per concurrency level.
/// </summary>
internal static class LatencyStage
{
    public const string Name = "latency";

    private static readonly int[] Concurrency = [1, 10, 50];

    // Real days: no reminder or expiry fires while the benchmark runs, so every agreement waits for consent.
    private static readonly TimeSpan DayLength = TimeSpan.FromDays(1);

    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(5);

    // Generous: the waits took 5–60 s at n=200 (about 800 workflows woken per level), but a loaded Azurite can take minutes.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context)
    {
        var results = new List<Measurement>();
        var meter = new HistoryMeter();
        await using var host = await BenchmarkHost.StartAsync(EngineProvider.AzureStorage, DayLength, context.Azurite.ConnectionString, meter.AttachTo);
        using var breakdown = new CallBreakdown(Labeller(host));
        var direct = new DirectPath(host.App.Services);
        var api = new ApiPath(host.Http);

        // Warm-up: JIT, connection pools, tables, the engine's first partitions.
        var warmedUp = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            warmedUp.Add(await direct.CreateAsync() ?? throw new InvalidOperationException("warm-up create failed"));
            warmedUp.Add(await api.CreateAsync() ?? throw new InvalidOperationException("warm-up create failed"));
        }

        await WaitRunningAsync(host.Durable, warmedUp);
        for (var i = 0; i < warmedUp.Count; i++)
        {
            await (i % 2 == 0 ? direct.ConsentAsync(warmedUp[i]) : api.ConsentAsync(warmedUp[i]));
        }

        var warm = new WarmConnections(host.App.Services, context.Azurite.ConnectionString);

        foreach (var total in context.Options.Sizes)
        {
            foreach (var clients in Concurrency)
            {
                var perClientHalf = Math.Max(1, (int)Math.Ceiling(total / (2.0 * clients)));
                var @case = $"AzureStorage c={clients} n={2 * perClientHalf * clients}";
                Console.WriteLine($"{Name}: {@case} ...");

                var baselineCreate = new Phase();
                var apiCreate = new Phase();

                // Every half on a quiet engine with its connections open: the workflows the half before started or woke
                // would otherwise run beside it (both API halves, and only one baseline half, follow another half).
                async Task HalfAsync(Phase phase, string group, Func<Task<string?>> request)
                {
                    await EngineIdle.WaitAsync(meter, Idle, Name);
                    await warm.OpenAsync(clients);
                    await phase.RunAsync(clients, perClientHalf, async _ =>
                    {
                        using var activity = CallBreakdown.Measure($"{group} c={clients}");
                        return await request();
                    });
                }

                await HalfAsync(baselineCreate, "create baseline", direct.CreateAsync);
                await HalfAsync(apiCreate, "create api", api.CreateAsync);
                await HalfAsync(apiCreate, "create api", api.CreateAsync);
                await HalfAsync(baselineCreate, "create baseline", direct.CreateAsync);
                await WaitRunningAsync(host.Durable, [.. baselineCreate.Ids, .. apiCreate.Ids]);

                var baselineConsent = new Phase();
                var apiConsent = new Phase();
                var baselineIds = new Queue<string>(baselineCreate.Ids);
                var apiIds = new Queue<string>(apiCreate.Ids);
                await HalfAsync(baselineConsent, "consent baseline", () => direct.ConsentAsync(Next(baselineIds)));
                await HalfAsync(apiConsent, "consent api", () => api.ConsentAsync(Next(apiIds)));
                await HalfAsync(apiConsent, "consent api", () => api.ConsentAsync(Next(apiIds)));
                await HalfAsync(baselineConsent, "consent baseline", () => direct.ConsentAsync(Next(baselineIds)));

                results.AddRange(baselineCreate.Compare(apiCreate, @case, "create"));
                results.AddRange(baselineConsent.Compare(apiConsent, @case, "consent"));
                Console.WriteLine($"{Name}: {@case}: create p50 {apiCreate.Percentile(0.5):F1} ms (baseline {baselineCreate.Percentile(0.5):F1}), consent p50 {apiConsent.Percentile(0.5):F1} ms (baseline {baselineConsent.Percentile(0.5):F1})");

                foreach (var group in new[] { "create baseline", "create api", "consent baseline", "consent api" })
                {
                    foreach (var line in breakdown.Summarize($"{group} c={clients}"))
                    {
                        Console.WriteLine($"{Name}: {line}");
                    }
                }
            }
        }

        return results;
    }

    /// <summary>Names an outgoing call for the breakdown: the API, the engine's gRPC method, or the Azurite table or queue (run prefixes left out).</summary>
    private static Func<Uri, string> Labeller(BenchmarkHost host)
    {
        var apiPort = new Uri(host.App.Urls.First()).Port;
        var enginePort = host.App.Services.GetRequiredService<SidecarEndpoint>().Port;
        var tablePrefix = host.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix;
        var taskHub = host.App.Services.GetRequiredService<IOptions<EngineOptions>>().Value.TaskHub;
        return url =>
        {
            var segments = url.AbsolutePath.Trim('/').Split('/');
            if (url.Port == apiPort)
            {
                return "api " + string.Join('/', segments.Select(s => s.Length > 20 ? "{id}" : s));
            }

            if (url.Port == enginePort)
            {
                return "engine " + segments[^1];
            }

            // Azurite: /devstoreaccount1/{table}(keys) or /devstoreaccount1/{queue}/messages
            var name = (segments.Length > 1 ? segments[1] : segments[0]).Split('(')[0];
            var who = name.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase) ? "engine-storage " : "app-storage ";
            name = name.Replace(taskHub, "hub", StringComparison.OrdinalIgnoreCase);
            if (tablePrefix.Length > 0)
            {
                name = name.Replace(tablePrefix, string.Empty, StringComparison.OrdinalIgnoreCase);
            }

            var kind = segments.Length > 2 && segments[2] == "messages" ? "queue " : string.Empty;
            return who + kind + name + (segments.Length > 2 && segments[2] != "messages" ? "/" + segments[2] : string.Empty);
        };
    }

    private static string Next(Queue<string> ids)
    {
        lock (ids)
        {
            return ids.Dequeue();
        }
    }

    private static async Task WaitRunningAsync(DurableTaskClient client, IReadOnlyCollection<string> ids)
    {
        using var deadline = new CancellationTokenSource(Settle);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token }, async (id, ct) =>
        {
            var started = await client.WaitForInstanceStartAsync(id, getInputsAndOutputs: false, ct);
            if (started.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                throw new InvalidOperationException($"{id} is {started.RuntimeStatus}, not Running");
            }
        });
    }

    /// <summary>
    /// Opens the storage connections a level's clients will use before its requests are timed. Azurite closes a
    /// connection idle for 5 s (Node's default), so after the idle wait the pool is empty and 50 clients' first storage
    /// calls would all queue at once for Node to accept their connections (seconds each, on whichever side runs first);
    /// a host in steady use has its connections open. Every Azure SDK client here (the app's tables, the engine's
    /// tables and queues) shares the SDK's one HTTP connection pool, so opening them from here opens them for all.
    /// </summary>
    private sealed class WarmConnections(IServiceProvider services, string connectionString)
    {
        // A create makes up to three table calls at once (vault, person key, timeline); its start one queue put.
        private const int TableCallsPerRequest = 3;

        private readonly TableClient table = services.GetRequiredService<TableServiceClient>()
            .GetTableClient(services.GetRequiredService<IOptions<StorageOptions>>().Value.TableName(StorageNames.Agreements));

        private readonly QueueClient queue = new QueueServiceClient(connectionString).GetQueueClient("warm-connections");

        public Task OpenAsync(int clients) => Task.WhenAll(
            Enumerable.Range(0, TableCallsPerRequest * clients).Select(_ => (Task)table.GetEntityIfExistsAsync<TableEntity>("warm", "warm"))
                .Concat(Enumerable.Range(0, clients).Select(_ => (Task)queue.ExistsAsync())));
    }

    /// <summary>One side (baseline or API) of one operation at one concurrency: every request's latency and the time spent.</summary>
    private sealed class Phase
    {
        private readonly List<double> latencies = [];
        private double seconds;
        private int failures;

        public List<string> Ids { get; } = [];

        /// <summary>Runs <paramref name="clients"/> closed-loop clients, each sending <paramref name="each"/> requests one after the other.</summary>
        public async Task RunAsync(int clients, int each, Func<int, Task<string?>> request)
        {
            var watch = Stopwatch.StartNew();
            var done = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
            {
                var mine = new List<(double Ms, string? Id)>(each);
                for (var i = 0; i < each; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var id = await request(client);
                    mine.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, id));
                }

                return mine;
            })));
            seconds += watch.Elapsed.TotalSeconds;
            foreach (var (ms, id) in done.SelectMany(each => each))
            {
                latencies.Add(ms);
                if (id is null)
                {
                    failures++;
                }
                else
                {
                    Ids.Add(id);
                }
            }
        }

        public double Rate => latencies.Count / seconds;

        public double Percentile(double p)
        {
            var sorted = latencies.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        }

        public IEnumerable<Measurement> Compare(Phase api, string @case, string operation)
        {
            yield return new Measurement(Name, @case, $"{operation} requests/s", api.Rate, Rate, "≥ 0.67");
            yield return new Measurement(Name, @case, $"{operation} p50 ms", api.Percentile(0.5), Percentile(0.5), "≤ 1.5");
            yield return new Measurement(Name, @case, $"{operation} p99 ms", api.Percentile(0.99), Percentile(0.99), "≤ 1.5");
            if (api.failures + failures > 0)
            {
                yield return new Measurement(Name, @case, $"{operation} failed requests", api.failures, failures);
            }
        }
    }

    /// <summary>The API as a caseworker's client calls it.</summary>
    private sealed class ApiPath(HttpClient http)
    {
        private readonly AgreementApi api = new(http);

        public async Task<string?> CreateAsync()
        {
            using var response = await api.PostAsync("/api/agreements", ScriptedAgreement.Benchmarked(AgreementForms.Today));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Console.WriteLine($"{Name}: create answered {(int)response.StatusCode}");
                return null;
            }

            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("agreementId").GetString();
        }

        public async Task<string?> ConsentAsync(string id)
        {
            using var response = await api.PostAsync($"/api/agreements/{id}/consent", Steps.Consent("given"));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Console.WriteLine($"{Name}: consent answered {(int)response.StatusCode}");
                return null;
            }

            return id;
        }
    }

    /// <summary>
    /// The baseline: what the create and consent commands write and start, made directly through the
    /// app's own storage adapters and durable client — no HTTP, no sign-in, no validation, no read-model checks.
    /// </summary>
    private sealed class DirectPath(IServiceProvider services)
    {
        // Synthetic test parties (the forms' constants), never a real person.
        private static readonly AgreementPersonalData Parties = new(
            new Resident(AgreementForms.ResidentCpr, AgreementForms.ResidentName, AgreementForms.ResidentEmail, "+45 12 34 56 78"),
            new Caseworker(AgreementForms.CaseworkerName, AgreementForms.CaseworkerEmail),
            [AgreementForms.Supervisor1, AgreementForms.Supervisor2],
            "Indskud og flytning");

        private readonly IPersonalDataVault vault = services.GetRequiredService<IPersonalDataVault>();
        private readonly ITimeline timeline = services.GetRequiredService<ITimeline>();
        private readonly IDecisionLog decisions = services.GetRequiredService<IDecisionLog>();
        private readonly DurableTaskClient client = services.GetRequiredService<DurableTaskClient>();

        public IAgreementRepository Agreements { get; } = services.GetRequiredService<IAgreementRepository>();

        public async Task<string?> CreateAsync()
        {
            var now = DateTimeOffset.UtcNow;
            var agreement = new AgreementRecord
            {
                AgreementId = AgreementIds.New(),
                MunicipalityCode = "0751",
                HousingAssociation = "Brabrand Boligforening",
                Direction = MoveDirection.Out,
                FromArea = "Gellerupparken",
                ToArea = "Viby",
                PlannedMoveDate = DanishCalendar.DateOf(now.UtcDateTime),
                PolicyName = PolicyCatalog.StandardV1.Name,
                Status = AgreementStatus.AwaitingConsent,
                CreatedAt = now,
                LastChangedAt = DateTimeOffset.UnixEpoch,
                DayLength = DayLength,
                Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
                RequestedDkk = 20_000m,
                SupervisorLevels = 2,
                CaseworkerId = "bench-caseworker",
            };
            await vault.SaveAsync(agreement.AgreementId, Parties, CancellationToken.None);
            await Agreements.AddAsync(agreement, CancellationToken.None);
            await timeline.StartAsync(agreement.AgreementId, new TimelineEntry(now, TimelineKind.AgreementCreated, Actors.Caseworker), CancellationToken.None);
            await AgreementStarter.StartAsync(client, agreement, CancellationToken.None);
            return agreement.AgreementId;
        }

        public async Task<string?> ConsentAsync(string id)
        {
            var (standing, recorded) = await decisions.ClaimAsync(DecisionCodec.Consent(id, true, Actors.Caseworker, DateTimeOffset.UtcNow), CancellationToken.None);
            if (!recorded)
            {
                return null;
            }

            var (name, payload) = DecisionCodec.ToEvent(standing);
            await client.RaiseEventAsync(id, name, payload, CancellationToken.None);
            return id;
        }
    }
}
