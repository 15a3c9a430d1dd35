using System.Text.Json;
using Mobilitet.Workflows.Documents;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Documents in memory, kept as JSON as the blob adapter keeps them.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Dictionary<(string AgreementId, string Name), string> documents = [];
    private readonly Lock gate = new();

    public Task SaveJsonAsync<T>(string agreementId, string name, T document, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(document);
        lock (gate)
        {
            documents[(agreementId, name)] = json;
        }

        return Task.CompletedTask;
    }

    public Task<T?> ReadJsonAsync<T>(string agreementId, string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(documents.TryGetValue((agreementId, name), out var json) ? JsonSerializer.Deserialize<T>(json) : default);
        }
    }

    public Task SaveHtmlAsync(string agreementId, string name, string html, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            documents[(agreementId, name)] = html;
        }

        return Task.CompletedTask;
    }

    public Task<string?> ReadHtmlAsync(string agreementId, string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(documents.GetValueOrDefault((agreementId, name)));
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in documents.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                documents.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
