using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Testing;
using Yarp.ReverseProxy.Forwarder;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>One kind of storage request to one resource (a table, a queue or a blob container).</summary>
/// <param name="Service">"table", "queue" or "blob".</param>
/// <param name="Kind">What the request does: "query", "point-read", "insert", "batch", "get", "get (empty)", "lease-renew" ...</param>
/// <param name="Resource">The table, queue or container name ("" for account-level requests).</param>
/// <param name="Detail">
/// Which part of the resource, where one table or container serves several purposes: the agreement list's rows
/// ("list", "ended" for the retention index, "list+ended" for a batch with both), a document's folder ("sent-emails",
/// "settlement", "measurements" ...); "" elsewhere.
/// </param>
internal sealed record StorageRequest(string Service, string Kind, string Resource, string Detail = "");

/// <summary>
/// A reverse proxy (YARP's forwarder) in front of Azurite's blob, queue and table ports that counts every
/// request by service, kind and resource. Point a host at <see cref="ConnectionString"/>: the same account and
/// key, with explicit endpoints on the proxy's loopback ports (shared-key signatures cover the path, not the host).
/// Empty queue polls ("get (empty)") are told apart from polls that returned messages by the response body.
/// </summary>
internal sealed partial class CountingStorageProxy : IAsyncDisposable
{
    private const string QueueGetItem = "storage-proxy:queue-get";
    private const string QueueGetEmptyItem = "storage-proxy:queue-get-empty";

    private readonly ConcurrentDictionary<StorageRequest, long> counts = new();

    // Stopwatch ticks from receiving each request (or, one at a time, from its turn) to its response forwarded: Azurite's
    // service time, the proxy's own hop and, unless forwarded one at a time, Azurite's queue.
    private readonly ConcurrentDictionary<StorageRequest, long> ticks = new();
    private readonly WebApplication app;

    /// <summary>STORAGE_PROXY_SERIAL set: requests are forwarded one at a time (to profile Azurite's service time by kind).</summary>
    private static readonly SemaphoreSlim? OneAtATime = Environment.GetEnvironmentVariable("STORAGE_PROXY_SERIAL") is not null ? new(1) : null;

    private CountingStorageProxy(WebApplication app, int blobPort, int queuePort, int tablePort)
    {
        this.app = app;
        ConnectionString = new Mobilitet.Local.Storage.AzuriteEndpoints(blobPort, queuePort, tablePort).ConnectionString;
    }

    /// <summary>A connection string to Azurite through this proxy.</summary>
    public string ConnectionString { get; }

    public static async Task<CountingStorageProxy> StartAsync(AzuriteFixture azurite)
    {
        var ports = new[] { FreePort.Get(), FreePort.Get(), FreePort.Get() };
        var targets = new Dictionary<int, (string Service, string Destination)>
        {
            [ports[0]] = ("blob", $"http://127.0.0.1:{azurite.BlobPort}/"),
            [ports[1]] = ("queue", $"http://127.0.0.1:{azurite.QueuePort}/"),
            [ports[2]] = ("table", $"http://127.0.0.1:{azurite.TablePort}/"),
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            foreach (var port in ports)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var proxy = new CountingStorageProxy(app, ports[0], ports[1], ports[2]);
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var transformer = new EmptyPollDetector();
        app.Run(async context =>
        {
            var (service, destination) = targets[context.Connection.LocalPort];
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var request = await ClassifyAsync(service, context);
            if (request.Service == "queue" && request.Kind == "get")
            {
                context.Items[QueueGetItem] = true;
            }

            if (OneAtATime is { } turn)
            {
                // Profiling: one request at a time, timed from its turn, so the time is Azurite's service time with no queue.
                await turn.WaitAsync();
                started = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            ForwarderError error;
            try
            {
                error = await forwarder.SendAsync(context, destination, client, ForwarderRequestConfig.Empty, transformer);
            }
            finally
            {
                OneAtATime?.Release();
            }

            if (Environment.GetEnvironmentVariable("STORAGE_PROXY_TRACE") is not null)
            {
                Console.WriteLine($"{context.Response.StatusCode} {error} {context.Request.Method} {context.Request.Path}{context.Request.QueryString} {request}");
            }

            if (error != ForwarderError.None)
            {
                request = request with { Kind = request.Kind + " (proxy error)" };
            }
            else if (context.Items.ContainsKey(QueueGetEmptyItem))
            {
                request = request with { Kind = "get (empty)" };
            }

            proxy.counts.AddOrUpdate(request, 1, static (_, count) => count + 1);
            var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - started;
            proxy.ticks.AddOrUpdate(request, elapsed, (_, sum) => sum + elapsed);
        });
        await app.StartAsync();
        return proxy;
    }

    /// <summary>The counts so far (a copy).</summary>
    public IReadOnlyDictionary<StorageRequest, long> Snapshot() => new Dictionary<StorageRequest, long>(counts);

    /// <summary>The time spent on each kind of request so far, in <see cref="System.Diagnostics.Stopwatch"/> ticks (a copy).</summary>
    public IReadOnlyDictionary<StorageRequest, long> SnapshotTicks() => new Dictionary<StorageRequest, long>(ticks);

    /// <summary>What was counted between two snapshots.</summary>
    public static IReadOnlyDictionary<StorageRequest, long> Difference(IReadOnlyDictionary<StorageRequest, long> before, IReadOnlyDictionary<StorageRequest, long> after) =>
        after.Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<StorageRequest> ClassifyAsync(string service, HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var query = request.Query;

        // Path-style URLs: /devstoreaccount1/{resource}[/{rest}].
        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/', 3);
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : string.Empty;
        var rest = segments.Length > 2 ? segments[2] : string.Empty;
        switch (service)
        {
            case "table":
                return await ClassifyTableAsync(context, method, resource);
            case "queue":
                var kind = (rest, method) switch
                {
                    ("", "PUT") => "create-queue",
                    ("", "DELETE") => "delete-queue",
                    ("", _) when query["comp"] == "metadata" => "metadata",
                    ("", _) when query["comp"] == "list" => "list-queues",
                    ("messages", "GET") when string.Equals(query["peekonly"], "true", StringComparison.OrdinalIgnoreCase) => "peek",
                    ("messages", "GET") => "get",
                    ("messages", "POST") => "put",
                    ("messages", "DELETE") => "clear",
                    (_, "DELETE") => "delete",
                    (_, "PUT") => "update",
                    _ => $"{method} {rest}",
                };
                return new StorageRequest(service, kind, resource);
            default:
                var comp = query["comp"].ToString();
                var isContainer = rest.Length == 0;
                var blobKind = comp switch
                {
                    "lease" => "lease-" + request.Headers["x-ms-lease-action"].ToString().ToLowerInvariant(),
                    "list" => isContainer && resource.Length > 0 ? "list" : "list-containers",
                    "metadata" => method == "PUT" ? "set-metadata" : "get-metadata",
                    "block" => "put-block",
                    "blocklist" => method == "PUT" ? "put-blocklist" : "get-blocklist",
                    _ when isContainer => method switch
                    {
                        "PUT" => "create-container",
                        "DELETE" => "delete-container",
                        _ => "container-properties",
                    },
                    _ => method switch
                    {
                        "GET" => "get",
                        "HEAD" => "properties",
                        "PUT" => "put",
                        "DELETE" => "delete",
                        _ => $"{method} {comp}",
                    },
                };
                return new StorageRequest(service, blobKind, resource, DocumentFolder(resource, rest));
        }
    }

    private static async Task<StorageRequest> ClassifyTableAsync(HttpContext context, string method, string resource)
    {
        if (resource == "$batch")
        {
            // The table is named inside the multipart body: "PUT http://host/devstoreaccount1/Name(PartitionKey=...".
            context.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            context.Request.Body.Position = 0;
            var body = Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
            var match = BatchOperation().Match(body);
            var batchTable = match.Success ? TableName(Uri.UnescapeDataString(match.Groups[1].Value)) : string.Empty;
            return new StorageRequest("table", "batch", batchTable, ListRows(batchTable, Uri.UnescapeDataString(body)));
        }

        if (resource.StartsWith("Tables", StringComparison.Ordinal))
        {
            var kind = method switch
            {
                "POST" => "create-table",
                "DELETE" => "delete-table",
                _ => "list-tables",
            };
            return new StorageRequest("table", kind, resource.Length > "Tables".Length ? resource["Tables('".Length..^"')".Length] : string.Empty);
        }

        var table = TableName(resource);
        var isEntity = resource.Contains("PartitionKey=", StringComparison.Ordinal);
        var hasIfMatch = context.Request.Headers.IfMatch.Count > 0;
        var entityKind = method switch
        {
            "GET" when isEntity => "point-read",
            "GET" => "query",
            "POST" => "insert",
            "PUT" => hasIfMatch ? "update-replace" : "upsert-replace",
            "MERGE" or "PATCH" => hasIfMatch ? "update-merge" : "upsert-merge",
            "DELETE" => "delete",
            _ => method,
        };
        return new StorageRequest("table", entityKind, table, ListRows(table, resource));
    }

    /// <summary>For the agreement list: whether the rows addressed are list rows, retention index rows ("ended!") or both.</summary>
    private static string ListRows(string table, string text)
    {
        if (!table.EndsWith("AgreementList", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var prefixes = ListRowKey().Matches(text).Select(match => match.Groups[1].Value == "ended" ? "ended" : "list").Distinct().Order(StringComparer.Ordinal).ToList();
        return prefixes.Count == 2 ? "list+ended" : prefixes.FirstOrDefault() ?? string.Empty;
    }

    /// <summary>For the agreement documents: the folder under the agreement ("sent-emails", "settlement" ...) or the document's name.</summary>
    private static string DocumentFolder(string container, string blobPath)
    {
        if (!container.EndsWith("agreement-documents", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var parts = Uri.UnescapeDataString(blobPath).Split('/');
        return parts.Length > 1 ? parts[1] : string.Empty;
    }

    private static string TableName(string resource)
    {
        var parenthesis = resource.IndexOf('(', StringComparison.Ordinal);
        return parenthesis < 0 ? resource : resource[..parenthesis];
    }

    [GeneratedRegex(@"RowKey='([A-Za-z]+)!", RegexOptions.CultureInvariant)]
    private static partial Regex ListRowKey();

    [GeneratedRegex(@"(?:POST|PUT|MERGE|PATCH|DELETE|GET) https?://[^/\s]+/[^/\s]+/([^\s(?]+)", RegexOptions.CultureInvariant)]
    private static partial Regex BatchOperation();

    /// <summary>
    /// Forwards the request target exactly as the client sent it, and reads a queue's get-messages response (small)
    /// to tell an empty poll from one that got messages.
    /// </summary>
    private sealed class EmptyPollDetector : HttpTransformer
    {
        // The shared-key signature covers the path as the client escaped it; the default transform re-escapes the
        // decoded path (a ':' in a RowKey comes out as "%3A"), so Azurite refused such requests with 403.
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var rawTarget = httpContext.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            proxyRequest.RequestUri = new Uri(destinationPrefix.TrimEnd('/') + rawTarget, UriKind.Absolute);
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            if (proxyResponse is not null && httpContext.Items.ContainsKey(QueueGetItem) && proxyResponse.IsSuccessStatusCode)
            {
                var original = proxyResponse.Content;
                var body = await original.ReadAsByteArrayAsync(cancellationToken);
                if (!Encoding.UTF8.GetString(body).Contains("<QueueMessage>", StringComparison.Ordinal))
                {
                    httpContext.Items[QueueGetEmptyItem] = true;
                }

                var replacement = new ByteArrayContent(body);
                foreach (var header in original.Headers)
                {
                    replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                proxyResponse.Content = replacement;
                original.Dispose();
            }

            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }
    }
}
