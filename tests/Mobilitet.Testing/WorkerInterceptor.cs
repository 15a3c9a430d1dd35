using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace Mobilitet.Testing;

/// <summary>
/// A meter on the Durable Task worker's gRPC channel (the local engine's worker connects through it): sees every work
/// item the engine hands the worker and every request the worker sends back, so neither the engine nor the workflow is
/// touched. Several meters chain on one worker.
/// </summary>
public abstract class WorkerInterceptor : Interceptor
{
    /// <summary>Puts the meter on the worker's channel, after any meter already there.</summary>
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

    /// <summary>A work item the worker has just received.</summary>
    protected abstract void OnWorkItem(WorkItem item);

    /// <summary>A request the worker is about to send (an activity's result, an episode's actions ...).</summary>
    protected virtual void OnRequest(object request)
    {
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = continuation(request, context);
        return typeof(TResponse) != typeof(WorkItem)
            ? call
            : new AsyncServerStreamingCall<TResponse>(new ObservingReader<TResponse>(call.ResponseStream, this), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        OnRequest(request);
        return continuation(request, context);
    }

    private sealed class ObservingReader<T>(IAsyncStreamReader<T> inner, WorkerInterceptor meter) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            if (moved && inner.Current is WorkItem item)
            {
                meter.OnWorkItem(item);
            }

            return moved;
        }
    }
}
