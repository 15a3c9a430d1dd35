using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// The agreements API through a host that may be down (killed, restarting) or without its storage: reads answer null
/// instead of throwing, a step is posted again until it is accepted, and one poller reads every agreement's status
/// from the list (one request for all of them, so fifty waiting scripts do not flood the host and its Azurite).
/// A connection the host's kill cuts just after it was made can surface as a bare SocketException (HttpClient does
/// not always wrap it; a storm failed so): it means the host is away, like an HttpRequestException.
/// A deadline runs from the later of the wait's start and the end of the storm (<see cref="StormBegins"/>,
/// <see cref="StormEnds"/>): while the host is killed every few seconds the engine is kept from working on purpose,
/// and how long that lasts grows with the machine's load, so it is not time an agreement can be late in.
/// </summary>
public sealed class UnsteadyApi(HttpClient http) : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<string, string> statuses = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task? poller;

    /// <summary>How many requests failed (no answer, or 5xx): the host was down or its storage away.</summary>
    public int Failures => failures;

    private int failures;
    private volatile bool storming;
    private long stormEndedTicks;

    /// <summary>Deadlines stop running: the host is about to be killed again and again.</summary>
    public void StormBegins() => storming = true;

    /// <summary>The last host is up: deadlines run again, counted from now for waits that began before.</summary>
    public void StormEnds()
    {
        Interlocked.Exchange(ref stormEndedTicks, DateTime.UtcNow.Ticks);
        storming = false;
    }

    private bool Expired(DateTime started, TimeSpan deadline)
    {
        if (storming)
        {
            return false;
        }

        var stormEnded = new DateTime(Interlocked.Read(ref stormEndedTicks), DateTimeKind.Utc);
        return DateTime.UtcNow - (stormEnded > started ? stormEnded : started) > deadline;
    }

    /// <summary>Starts reading every agreement's status from GET /api/agreements every half second.</summary>
    public void StartPolling() => poller ??= Task.Run(PollAsync);

    public async Task<string> CreateAsync(JsonObject form)
    {
        // Never retried: a create that failed unseen would leave an agreement the test does not know. Creates run before the chaos.
        using var response = await http.PostAsJsonAsync("/api/agreements", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Create failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["agreementId"]!.GetValue<string>();
    }

    /// <summary>Posts a step until it is accepted (202). A 409 after an attempt that got no answer means that attempt got through.</summary>
    public async Task StepAsync(string agreementId, string step, JsonNode? body, TimeSpan deadline)
    {
        var started = DateTime.UtcNow;
        var unanswered = false;
        string last = "nothing";
        while (!Expired(started, deadline))
        {
            try
            {
                using var response = await http.PostAsync(new Uri($"/api/agreements/{agreementId}/{step}", UriKind.Relative), body is null ? null : JsonContent.Create(body.DeepClone()));
                if (response.StatusCode == HttpStatusCode.Accepted || (response.StatusCode == HttpStatusCode.Conflict && unanswered))
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if ((int)response.StatusCode < 500)
                {
                    break;
                }

                unanswered = true;
                Interlocked.Increment(ref failures);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
            {
                unanswered = true;
                last = exception.Message;
                Interlocked.Increment(ref failures);
            }

            await Task.Delay(Pause);
        }

        Assert.Fail($"{step} of {agreementId} was not accepted: {last}");
    }

    /// <summary>The agreement as GET /api/agreements/{id} shows it, or null while the host does not answer.</summary>
    public async Task<JsonObject?> TryGetAsync(string agreementId)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"/api/agreements/{agreementId}", UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                return null;
            }

            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
        {
            Interlocked.Increment(ref failures);
            return null;
        }
    }

    /// <summary>Waits (polling the list) until the agreement's status is one of <paramref name="expected"/>; returns it.</summary>
    public async Task<string> WaitForStatusAsync(string agreementId, TimeSpan deadline, params string[] expected)
    {
        var started = DateTime.UtcNow;
        while (!Expired(started, deadline))
        {
            if (statuses.TryGetValue(agreementId, out var status) && expected.Contains(status, StringComparer.Ordinal))
            {
                return status;
            }

            await Task.Delay(Pause);
        }

        // What the agreement shows (its timeline) says where it stopped.
        statuses.TryGetValue(agreementId, out var seen);
        var details = await TryGetAsync(agreementId);
        throw new TimeoutException($"Agreement {agreementId} did not reach {string.Join(" or ", expected)}; last seen {seen ?? "nothing"}: {details?.ToJsonString()}");
    }

    /// <summary>Waits until GET /api/agreements/{id} satisfies <paramref name="condition"/> (used once per agreement at the end).</summary>
    public async Task<JsonObject> WaitForAsync(string agreementId, Func<JsonObject, bool> condition, string what, TimeSpan deadline)
    {
        var started = DateTime.UtcNow;
        JsonObject? last = null;
        while (!Expired(started, deadline))
        {
            last = await TryGetAsync(agreementId) ?? last;
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(Pause);
        }

        throw new TimeoutException($"Timed out waiting for {what} of {agreementId}. Last seen: {last}");
    }

    /// <summary>True once GET /api/health answers 200 with status Healthy.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
            return response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync()).Text("status") == "Healthy";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (poller is not null)
        {
            await poller;
        }

        stop.Dispose();
    }

    private async Task PollAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/api/agreements", UriKind.Relative), stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    foreach (var row in JsonNode.Parse(await response.Content.ReadAsStringAsync(stop.Token))!.AsArray())
                    {
                        statuses[row.Text("agreementId")] = row.Text("status");
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or SocketException)
            {
                // The host is down or stopping: read again shortly.
            }

            try
            {
                await Task.Delay(Pause, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
