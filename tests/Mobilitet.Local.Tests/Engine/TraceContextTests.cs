using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Local.Engine;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// A sub-orchestration's trace hangs from its parent's, on the persistent engine as on the
/// in-memory one: the child's orchestration span is a child of the client span the parent emits
/// for it, in the same trace.
/// </summary>
public sealed class TraceContextTests
{
    /// <summary>The worker's ActivitySource (Microsoft.DurableTask's TraceHelper).</summary>
    private const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The tag the worker puts the instance id in.</summary>
    private const string InstanceIdTag = "durabletask.task.instance_id";

    [Theory]
    [InlineData(EngineProvider.InMemory)]
    [InlineData(EngineProvider.AzureStorage)]
    public async Task A_sub_orchestration_span_is_a_child_of_the_client_span_its_parent_emits_for_it(EngineProvider provider)
    {
        // The listener sees every test's spans: they are told apart by instance id.
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTaskSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var engine = await EngineHost.StartAsync(provider, registry => registry
            .AddOrchestrator<ParentOrchestrator>()
            .AddOrchestrator<ChildOrchestrator>());

        var parentId = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator));
        var parent = await engine.WaitForFinishAsync(parentId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        var childId = ParentOrchestrator.ChildId(parentId);

        // The parent emits the client span when the child's completion reaches it; the child's span ends with its episode.
        await Eventually.WaitForAsync(
            () => Task.FromResult(spans.ToList()),
            seen => seen.Any(span => IsClientSpanForChild(span, parentId)) && seen.Any(span => IsOrchestrationSpan(span, childId)),
            "the parent's client span for the child and the child's orchestration span");

        var clientSpan = Assert.Single(spans, span => IsClientSpanForChild(span, parentId));
        Assert.All(spans.Where(span => IsOrchestrationSpan(span, childId)), child =>
        {
            Assert.Equal(clientSpan.TraceId, child.TraceId);
            Assert.Equal(clientSpan.SpanId, child.ParentSpanId);
        });
    }

    private static bool IsClientSpanForChild(Activity span, string parentId) =>
        span.Kind == ActivityKind.Client && Is(span, parentId) && span.DisplayName.StartsWith($"orchestration:{nameof(ChildOrchestrator)}", StringComparison.Ordinal);

    private static bool IsOrchestrationSpan(Activity span, string instanceId) => span.Kind == ActivityKind.Server && Is(span, instanceId);

    private static bool Is(Activity span, string instanceId) => span.GetTagItem(InstanceIdTag) as string == instanceId;

    private sealed class ParentOrchestrator : TaskOrchestrator<object?, string>
    {
        public static string ChildId(string parentId) => parentId + ":child";

        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.CallSubOrchestratorAsync<string>(nameof(ChildOrchestrator), options: new SubOrchestrationOptions { InstanceId = ChildId(context.InstanceId) });
    }

    private sealed class ChildOrchestrator : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult("done");
    }
}
