using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Local.Storage;
using Mobilitet.Local.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Xunit.Abstractions;
using TaskMessage = DurableTask.Core.TaskMessage;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// Storage goes away while activities run, and comes back 40 s later (past the messages' visibility timeout): the
/// activities' results can neither be sent nor their messages put back. Once the storage is back each orchestration
/// must finish, in the same process, without a restart (issue 13: the host recovers from an outage by itself). One
/// orchestration's first episode was committed before the outage (the Azure Storage provider used to drop its
/// activity's message for good then; docs/reliability.md, "An outage while an activity runs"); the other's activity
/// starts just before the outage, while its first episode may still be committing. The engine runs on an Azurite of
/// its own, which the test stops and starts. A failure writes the engine's view of both instances and its log.
/// A start message that comes back after such an outage is checked on its own (it cannot be timed with an outage).
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Entered = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Released = new(StringComparer.Ordinal);

    private readonly AzuriteEndpoints endpoints = Endpoints();
    private readonly string location = Path.Combine(Path.GetTempPath(), "mobilitet-outage-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly StringBuilder notes = new();
    private AzuriteProcess? azurite;

    public async Task InitializeAsync() => azurite = await StartAzuriteAsync();

    public async Task DisposeAsync()
    {
        if (AzuriteProcess.TryAdopt(location, endpoints) is { } running)
        {
            await running.StopAsync(TimeSpan.Zero);
        }

        if (Directory.Exists(location))
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task Activities_that_end_while_storage_is_away_complete_their_orchestrations_once_storage_is_back()
    {
        using var logs = new LogCapture();
        await using var engine = await EngineHost.StartAsync(
            EngineProvider.AzureStorage,
            registry => registry.AddOrchestrator<OneActivity>().AddActivity<GatedActivity>(),
            endpoints.ConnectionString,
            logging => logging.AddProvider(logs).AddFilter("DurableTask", LogLevel.Information).AddFilter("Microsoft.DurableTask", LogLevel.Information));
        var committed = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OneActivity), "committed");
        await EnteredAsync("committed");
        await engine.WaitForStatusAsync(committed, OrchestrationRuntimeStatus.Running);
        var racing = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OneActivity), "racing");
        await EnteredAsync("racing");
        Note($"both activities entered ({committed}'s first episode committed, {racing}'s maybe not); stopping Azurite");

        Assert.True(await azurite!.StopAsync(TimeSpan.FromMinutes(1)), "Azurite must stop by itself (a kill would lose writes)");
        Note("Azurite stopped; releasing the activities");
        Gate(Released, "committed").TrySetResult();
        Gate(Released, "racing").TrySetResult();
        await Task.Delay(TimeSpan.FromSeconds(40)); // the results cannot be sent, nor the messages put back; they become visible meanwhile
        azurite = await StartAzuriteAsync();
        Note("Azurite started again");

        try
        {
            foreach (var (id, input) in new[] { (committed, "committed"), (racing, "racing") })
            {
                // Deadlines run from storage's return; the engine needs a visibility timeout (30 s) or two.
                var finished = await Eventually.WaitForAsync(
                    () => engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
                    instance => instance is { IsCompleted: true },
                    $"{id} ({input}) to finish after the outage",
                    TimeSpan.FromMinutes(4));
                Assert.Equal(OrchestrationRuntimeStatus.Completed, finished!.RuntimeStatus);
                Assert.Equal("done: " + input, finished.ReadOutputAs<string>());
                Note($"{id} ({input}) completed");
            }

            output.WriteLine(notes.ToString());
        }
        catch (Exception)
        {
            await WriteEvidenceAsync(logs, engine.TaskHub, committed, racing);
            throw;
        }
    }

    /// <summary>
    /// When an episode's history is committed but the storage goes away before its ExecutionStarted message is deleted
    /// (the Instances row may still say Pending), the provider sends that message again to an instance that has
    /// started. It must be ignored, as DTFx's own dispatcher does, and the orchestration go on. Here the message is
    /// sent again by hand while the activity runs, as the provider would after such an outage.
    /// </summary>
    [Fact]
    public async Task A_start_message_that_comes_back_to_a_started_orchestration_is_ignored()
    {
        await using var engine = await EngineHost.StartAsync(
            EngineProvider.AzureStorage,
            registry => registry.AddOrchestrator<OneActivity>().AddActivity<GatedActivity>(),
            endpoints.ConnectionString);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OneActivity), "again");
        await EnteredAsync("again");
        await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        var state = (await engine.ServiceClient.GetOrchestrationStateAsync(id, allExecutions: false)).Single();
        var start = new ExecutionStartedEvent(-1, state.Input) { Name = state.Name, Version = state.Version, OrchestrationInstance = state.OrchestrationInstance };
        await engine.ServiceClient.SendTaskOrchestrationMessageAsync(new TaskMessage { Event = start, OrchestrationInstance = state.OrchestrationInstance });
        Gate(Released, "again").TrySetResult();

        var finished = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("done: again", finished.ReadOutputAs<string>());
    }

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string input) =>
        gates.GetOrAdd(input, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static Task EnteredAsync(string input) => Gate(Entered, input).Task.WaitAsync(TimeSpan.FromMinutes(2));

    private void Note(string line) => notes.AppendLine(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} test: {line}");

    /// <summary>The test's notes, the engine's log (first lines) and its view of the instances (<see cref="TaskHubSnapshot"/>), into the output and a kept temp file.</summary>
    private async Task WriteEvidenceAsync(LogCapture logs, string taskHub, params string[] ids)
    {
        var text = new StringBuilder().Append(notes);
        foreach (var entry in logs.Entries.Where(entry => !entry.Message.StartsWith("Fetched instance status", StringComparison.Ordinal)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{entry.At:HH:mm:ss.fff} {entry.Level} {entry.Category}: {entry.Message.Split('\n')[0]}");
        }

        foreach (var id in ids)
        {
            text.AppendLine(await TaskHubSnapshot.DescribeAsync(endpoints.ConnectionString, taskHub, id));
        }

        var file = Path.Combine(Path.GetTempPath(), $"storage-outage-{DateTime.UtcNow:yyyyMMddHHmmss}.log");
        await File.WriteAllTextAsync(file, text.ToString());
        output.WriteLine($"Evidence, also in {file}:\n{text}");
    }

    private static AzuriteEndpoints Endpoints()
    {
        var ports = FreePort.Get(3);
        return new AzuriteEndpoints(ports[0], ports[1], ports[2]);
    }

    private Task<AzuriteProcess> StartAzuriteAsync() =>
        AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), location, endpoints, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: Environment.ProcessId);

    private sealed class OneActivity : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>(nameof(GatedActivity), input);
    }

    private sealed class GatedActivity : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            Gate(Entered, input).TrySetResult();
            await Gate(Released, input).Task;
            return "done: " + input;
        }
    }
}
