using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Kept extracts and reports in memory, by import id.</summary>
public sealed class InMemoryExtractArchive : IExtractArchive
{
    private readonly Dictionary<string, byte[]> extracts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractImportReport> reports = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public IReadOnlyDictionary<string, byte[]> Extracts
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, byte[]>(extracts, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyDictionary<string, ExtractImportReport> Reports
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, ExtractImportReport>(reports, StringComparer.Ordinal);
            }
        }
    }

    public Task SaveExtractAsync(string importId, ReadOnlyMemory<byte> maskedContent, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            extracts[importId] = maskedContent.ToArray();
        }

        return Task.CompletedTask;
    }

    public Task SaveReportAsync(string importId, ExtractImportReport report, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            reports[importId] = report;
        }

        return Task.CompletedTask;
    }

    public Task<ExtractImportReport?> FindReportAsync(string importId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(reports.GetValueOrDefault(importId));
        }
    }
}
