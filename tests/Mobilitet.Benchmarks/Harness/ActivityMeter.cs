using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// The worker's own stopwatch per activity kind: from the moment the engine hands the worker an activity work item to
/// the moment the worker reports its result, so it is the activity's time in our code and its storage calls (and the
/// thread pool's queue), not the engine's. A gRPC interceptor on the worker's channel, beside <c>HistoryMeter</c>.
/// </summary>
internal sealed class ActivityMeter : Interceptor
{
    private readonly ConcurrentDictionary<(string InstanceId, int TaskId), (string Name, long Started)> running = new();
    private readonly ConcurrentDictionary<string, Totals> totals = new(StringComparer.Ordinal);

    /// <summary>Puts the meter on the worker's channel, after any interceptor already there.</summary>
    public void AttachTo(IServiceCollection services) =>
        services.PostConfigureAll<GrpcDurableTaskWorkerOptions>(options =>
        {
            if (options.CallInvoker is { } invoker)
            {
                options.CallInvoker = invoker.Intercept(this);
            }
            else if (options.Channel is GrpcChannel channel)
            {
                options.CallInvoker = channel.Intercept(this);
                options.Channel = null;
            }
        });

    /// <summary>Per activity name: how many ran and their total and mean time, slowest total first.</summary>
    public IReadOnlyList<(string Name, int Count, double TotalSeconds, double MeanMs)> ByKind() =>
        [.. totals.Select(entry => (entry.Key, entry.Value.Count, entry.Value.Ticks / (double)Stopwatch.Frequency, entry.Value.Ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, entry.Value.Count)))
            .OrderByDescending(entry => entry.Item3)];

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = continuation(request, context);
        return typeof(TResponse) != typeof(WorkItem)
            ? call
            : new AsyncServerStreamingCall<TResponse>(new StartReader<TResponse>(call.ResponseStream, this), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (request is ActivityResponse done && running.TryRemove((done.InstanceId, done.TaskId), out var started))
        {
            var ticks = Stopwatch.GetTimestamp() - started.Started;
            totals.AddOrUpdate(started.Name, _ => new Totals(1, ticks), (_, known) => new Totals(known.Count + 1, known.Ticks + ticks));
        }

        return continuation(request, context);
    }

    private readonly record struct Totals(int Count, long Ticks);

    private sealed class StartReader<T>(IAsyncStreamReader<T> inner, ActivityMeter meter) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            if (moved && inner.Current is WorkItem { ActivityRequest: { } activity })
            {
                meter.running[(activity.OrchestrationInstance.InstanceId, activity.TaskId)] = (activity.Name, Stopwatch.GetTimestamp());
            }

            return moved;
        }
    }
}
