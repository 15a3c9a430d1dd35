using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// Where a request's time goes: every outgoing HTTP call made under a measured request (the client's call
/// to the API, the app's calls to Azurite and to the engine's gRPC sidecar, and the engine's own calls to
/// Azurite while it serves the app) is collected from the runtime's <c>System.Net.Http</c> activities and
/// attributed to the request it was made for. A call's level is the number of outgoing calls above it:
/// for the API, level 0 is the client's request and level 1 the app's; for the direct baseline the app's
/// calls are level 0.
/// </summary>
internal sealed class CallBreakdown : IDisposable
{
    public const string SourceName = "Mobilitet.Benchmarks";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly ActivityListener listener;
    private readonly ConcurrentDictionary<string, ConcurrentBag<Call>> calls = new();
    private readonly ConcurrentDictionary<string, Request> requests = new();
    private readonly Func<Uri, string> categorize;

    /// <param name="categorize">Names the target of a call from its URL ("table Agreements", "engine StartInstance" ...).</param>
    public CallBreakdown(Func<Uri, string> categorize)
    {
        this.categorize = categorize;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SourceName or "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Starts a measured request: calls made until it is disposed are attributed to it under <paramref name="group"/>.</summary>
    public static Activity? Measure(string group) => Source.StartActivity(group);

    /// <summary>Per group: requests measured, and per call target and level the mean time per request and calls per request.</summary>
    public IReadOnlyList<string> Summarize(string group)
    {
        var measured = requests.Values.Where(r => r.Group == group).ToList();
        if (measured.Count == 0)
        {
            return [];
        }

        var lines = new List<string>();
        var ownCalls = measured.SelectMany(r => calls.TryGetValue(r.TraceId, out var bag) ? bag : []).ToList();
        lines.Add($"{group}: {measured.Count} requests, mean {measured.Average(r => r.Ms):F1} ms");
        foreach (var target in ownCalls.GroupBy(c => (c.Level, c.Target)).OrderBy(g => g.Key.Level).ThenByDescending(g => g.Sum(c => c.Ms)))
        {
            lines.Add($"  level {target.Key.Level} {target.Key.Target,-34} {target.Count() / (double)measured.Count,6:F1} calls/request {target.Sum(c => c.Ms) / measured.Count,8:F1} ms/request (mean {target.Average(c => c.Ms):F1} ms/call)");
        }

        return lines;
    }

    public void Dispose() => listener.Dispose();

    private void Stopped(Activity activity)
    {
        if (activity.Source.Name == SourceName)
        {
            requests[activity.TraceId.ToHexString()] = new Request(activity.OperationName, activity.Duration.TotalMilliseconds, activity.TraceId.ToHexString());
            return;
        }

        if (activity.Source.Name != "System.Net.Http" || activity.Kind != ActivityKind.Client)
        {
            return;
        }

        // A call's level: the outgoing calls and server hops above it. A server activity's parent is remote (its
        // context came in the request's headers), so the chain stops there; the trace id ties the call to its request.
        var level = 0;
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if ((parent.Source.Name == "System.Net.Http" && parent.Kind == ActivityKind.Client)
                || (parent.Source.Name == "Microsoft.AspNetCore" && parent.HasRemoteParent))
            {
                level++;
            }
        }

        var url = activity.GetTagItem("url.full") as string;
        var target = url is null ? "?" : Target(new Uri(url));
        calls.GetOrAdd(activity.TraceId.ToHexString(), _ => []).Add(new Call(level, target, activity.Duration.TotalMilliseconds));
    }

    private string Target(Uri url) => categorize(url);

    private sealed record Call(int Level, string Target, double Ms);

    private sealed record Request(string Group, double Ms, string TraceId);
}
