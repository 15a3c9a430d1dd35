namespace Mobilitet.Workflows.Documents;

/// <summary>
/// An agreement's documents (Azure Blobs): the business case, measurement reports, the emails sent. Names are
/// deterministic, so saving a document again replaces it instead of adding a copy.
/// </summary>
public interface IDocumentStore
{
    Task SaveJsonAsync<T>(string agreementId, string name, T document, CancellationToken cancellationToken);

    Task<T?> ReadJsonAsync<T>(string agreementId, string name, CancellationToken cancellationToken);

    /// <summary>Stores a readable copy of a document (a whole HTML page, UTF-8).</summary>
    Task SaveHtmlAsync(string agreementId, string name, string html, CancellationToken cancellationToken);

    Task<string?> ReadHtmlAsync(string agreementId, string name, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}

public static class DocumentNames
{
    public const string BusinessCase = "business-case.json";

    public static string Measurement(Indicators.Milestone milestone) => $"measurements/{milestone}.json";

    /// <summary>The measurement report as a Danish HTML page, beside its JSON.</summary>
    public static string MeasurementPage(Indicators.Milestone milestone) => $"measurements/{milestone}.html";

    /// <summary>The financing's settlement report (<see cref="Financing.SettlementReport"/>).</summary>
    public const string Settlement = "settlement/report.json";

    /// <summary>The settlement report as a Danish HTML page, beside its JSON.</summary>
    public const string SettlementPage = "settlement/report.html";

    /// <summary>
    /// The archived copy of an email sent about the agreement (<see cref="Notifications.ArchivedEmail"/>). It holds
    /// names and addresses, so it lives with the agreement's documents and is erased with them.
    /// </summary>
    public static string SentEmail(string notificationId) => $"sent-emails/{notificationId}.json";
}
