using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Mobilitet.Testing.Api;

/// <summary>The agreements API as a caseworker's client uses it, with the waits tests need.</summary>
public class AgreementApi
{
    private readonly TimeSpan dayLength = TimeSpan.FromDays(1);

    /// <param name="api">A client of the host's HTTP API, signed in.</param>
    /// <param name="dayLength">The host's policy day (Lifecycle:DayLength), if it compresses it.</param>
    public AgreementApi(HttpClient api, TimeSpan? dayLength = null)
    {
        Api = api;
        this.dayLength = dayLength ?? this.dayLength;
    }

    protected AgreementApi()
    {
    }

    public HttpClient Api { get; protected set; } = null!;

    /// <summary>How long one policy day lasts in the host this client talks to.</summary>
    protected virtual TimeSpan DayLength => dayLength;

    /// <summary>
    /// Today in the agreement's policy time. With a compressed day it runs ahead of the calendar from the create on, so a
    /// move recorded on it puts M3 its full three months (in real time) after the request, where a move dated
    /// <see cref="AgreementForms.Today"/> puts it three months after the create: measurements a test records after the move
    /// then race M3.
    /// </summary>
    public async Task<DateOnly> PolicyTodayAsync(string agreementId) =>
        AgreementForms.PolicyToday(await GetAsync(agreementId), DayLength);

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
