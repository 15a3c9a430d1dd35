namespace Mobilitet.Workflows.Documents;

/// <summary>
/// An agreement's documents (Azure Blobs): the business case, measurement reports. Names are
/// deterministic, so saving a document again replaces it instead of adding a copy.
/// </summary>
public interface IDocumentStore
{
    Task SaveJsonAsync<T>(string agreementId, string name, T document, CancellationToken cancellationToken);

    Task<T?> ReadJsonAsync<T>(string agreementId, string name, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}

public static class DocumentNames
{
    public const string BusinessCase = "business-case.json";

    public static string Measurement(Indicators.Milestone milestone) => $"measurements/{milestone}.json";
}
