using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Mobilitet.Testing.Api;

/// <summary>The agreements API as a caseworker's client uses it, with the waits tests need.</summary>
public class AgreementApi
{
    public AgreementApi(HttpClient api)
    {
        Api = api;
    }

    protected AgreementApi()
    {
    }

    public HttpClient Api { get; protected set; } = null!;

    public async Task<string> CreateAsync(JsonObject form)
    {
        using var response = await Api.PostAsJsonAsync("/api/agreements", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Create failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["agreementId"]!.GetValue<string>();
    }

    public Task<JsonObject> GetAsync(string agreementId) => GetObjectAsync($"/api/agreements/{agreementId}");

    /// <summary>The agreement's status resource (GET …/status: status, next due, ended; one table read).</summary>
    public Task<JsonObject> GetStatusAsync(string agreementId) => GetObjectAsync($"/api/agreements/{agreementId}/status");

    private async Task<JsonObject> GetObjectAsync(string path)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, JsonNode? body = null) =>
        await Api.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body));

    /// <summary>Posts a step that must be accepted (202).</summary>
    public async Task StepAsync(string agreementId, string step, JsonNode? body = null)
    {
        using var response = await PostAsync($"/api/agreements/{agreementId}/{step}", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{step} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task<JsonObject> WaitForStatusAsync(string agreementId, string status, TimeSpan? deadline = null) =>
        Eventually.WaitForAsync(() => GetAsync(agreementId), agreement => agreement.Text("status") == status, $"agreement {agreementId} to be {status}", deadline);

    public Task<JsonObject> WaitForAsync(string agreementId, Func<JsonObject, bool> condition, string what, TimeSpan? deadline = null) =>
        Eventually.WaitForAsync(() => GetAsync(agreementId), condition, what, deadline);
}

public static class JsonExtensions
{
    public static string Text(this JsonNode? node, string property) => node![property]!.GetValue<string>();

    public static JsonArray Array(this JsonNode? node, string property) => node![property]!.AsArray();

    public static IEnumerable<string> Kinds(this JsonObject agreement) =>
        agreement.Array("timeline").Select(entry => entry.Text("kind"));
}
