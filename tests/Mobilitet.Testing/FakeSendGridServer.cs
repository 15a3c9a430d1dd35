using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mobilitet.Testing;

/// <summary>
/// An email as the fake SendGrid received it (one per personalization, as SendGrid would send them).
/// <see cref="Text"/> and <see cref="Html"/> are empty when that content type was not sent.
/// </summary>
public sealed record ReceivedEmail(
    string From,
    string? FromName,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string Subject,
    string Text,
    string Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories,
    bool? ClickTracking,
    bool? OpenTracking);

/// <summary>A request the fake SendGrid turned down, with its status and the reason it gave.</summary>
public sealed record RejectedRequest(HttpStatusCode Status, string Reason);

/// <summary>
/// A local stand-in for SendGrid's v3 mail/send endpoint on 127.0.0.1 (Kestrel, a port the OS picks).
/// It checks what SendGrid checks that matters here — bearer key, personalizations with valid "to"
/// addresses, no address twice in one personalization, from, subject, content with text/plain first —
/// answers 202 and keeps the email, or 400/401 with SendGrid's error JSON. Point
/// SendGrid:Host at <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    public const string DefaultApiKey = "SG.fake-test-key";
    public const string SendPath = "/v3/mail/send";

    private readonly List<ReceivedEmail> messages = [];
    private readonly List<RejectedRequest> rejections = [];
    private WebApplication? app;
    private Uri? baseUrl;
    private int failuresToInject;
    private HttpStatusCode injectedStatus = HttpStatusCode.InternalServerError;
    private string? injectedRetryAfter;
    private int requestCount;

    /// <param name="apiKey">The key requests must carry; call <see cref="StartAsync"/> before use.</param>
    public FakeSendGridServer(string apiKey = DefaultApiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ApiKey = apiKey;
    }

    /// <summary>The key a request must carry as "Authorization: Bearer {key}".</summary>
    public string ApiKey { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/ (known once started).</summary>
    public Uri BaseUrl => baseUrl ?? throw new InvalidOperationException("The fake SendGrid server has not been started.");

    /// <summary>How many requests reached the endpoint, accepted or not.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>A snapshot of the emails accepted so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>A snapshot of the requests turned down so far.</summary>
    public IReadOnlyList<RejectedRequest> Rejections
    {
        get
        {
            lock (messages)
            {
                return [.. rejections];
            }
        }
    }

    /// <summary>Starts a server with the given key and returns it once it listens.</summary>
    public static async Task<FakeSendGridServer> StartNewAsync(string apiKey = DefaultApiKey, CancellationToken cancellationToken = default)
    {
        var server = new FakeSendGridServer(apiKey);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts listening on 127.0.0.1 on a port the OS picks (see <see cref="BaseUrl"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            throw new InvalidOperationException("The fake SendGrid server has been started already.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeSendGridServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost(SendPath, HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        baseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests fail with <paramref name="status"/> (500 by default), with a
    /// Retry-After header when <paramref name="retryAfter"/> is given (SendGrid sends one with 429).
    /// </summary>
    public void FailNextRequests(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, string? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (messages)
        {
            injectedStatus = status;
            injectedRetryAfter = retryAfter;
            failuresToInject = count;
        }
    }

    /// <summary>Forgets the emails and rejections received so far.</summary>
    public void Clear()
    {
        lock (messages)
        {
            messages.Clear();
            rejections.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> emails have arrived.</summary>
    public Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesAsync(int count, TimeSpan? timeout = null) =>
        WaitForMessagesAsync(received => received.Count >= count, timeout);

    /// <summary>Polls the received emails until <paramref name="until"/> holds (default timeout 30 s).</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesAsync(Func<IReadOnlyList<ReceivedEmail>, bool> until, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(until);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var received = Messages;
            if (until(received))
            {
                return received;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"The fake SendGrid received {received.Count} email(s) in {limit.TotalSeconds:0.#} s, not what the test waited for.");
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync().ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requestCount);
        HttpStatusCode? injected = null;
        string? retryAfter = null;
        lock (messages)
        {
            if (failuresToInject > 0)
            {
                failuresToInject--;
                injected = injectedStatus;
                retryAfter = injectedRetryAfter;
            }
        }

        if (injected is { } status)
        {
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await RejectAsync(context, status, "Simulated failure", null).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + ApiKey, StringComparison.Ordinal))
        {
            await RejectAsync(context, HttpStatusCode.Unauthorized, "The provided authorization grant is invalid, expired, or revoked", null).ConfigureAwait(false);
            return;
        }

        if (!context.Request.HasJsonContentType())
        {
            await RejectAsync(context, HttpStatusCode.UnsupportedMediaType, "Content-Type should be application/json.", null).ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await RejectAsync(context, HttpStatusCode.BadRequest, "Bad Request", null).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var parsed = MailSendRequest.Parse(document.RootElement);
            if (parsed.Error is { } error)
            {
                await RejectAsync(context, HttpStatusCode.BadRequest, error.Message, error.Field).ConfigureAwait(false);
                return;
            }

            lock (messages)
            {
                messages.AddRange(parsed.Emails);
            }
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
    }

    private async Task RejectAsync(HttpContext context, HttpStatusCode status, string message, string? field)
    {
        lock (messages)
        {
            rejections.Add(new RejectedRequest(status, field is null ? message : $"{field}: {message}"));
        }

        context.Response.StatusCode = (int)status;
        await context.Response.WriteAsJsonAsync(
            new { errors = new[] { new { message, field, help = (string?)null } } },
            context.RequestAborted).ConfigureAwait(false);
    }
}
