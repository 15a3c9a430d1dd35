using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Whether a request failed because storage or the workflow engine did not answer, or not in time (a network error, a
/// timeout, or a 408, 429 or 5xx from the service after the SDK's own retries; the engine client's gRPC call unavailable,
/// past its deadline or refused for load), rather than because of what the request asked or a fault of ours.
/// Such a request may succeed shortly: the answer is 503 with Retry-After (<see cref="Problems.ForException"/>), not 500.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        // Status 0: no response at all (the SDK's transport error).
        RequestFailedException failed => failed.Status is 0 or StatusCodes.Status408RequestTimeout or StatusCodes.Status429TooManyRequests or >= 500,

        // The engine client (gRPC, to the Functions host or the local sidecar) throws its call's status as it came.
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted,

        // The SDK's "Retry failed after N tries" carries every attempt's exception.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),

        // A cancellation is a client's timeout (the SDK's network timeout), or the request's own abort, whose answer
        // nobody reads. The SDK gives a network error as a RequestFailedException with status 0.
        TimeoutException or OperationCanceledException => true,
        _ => false,
    };
}
